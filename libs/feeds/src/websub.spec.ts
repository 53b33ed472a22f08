import { createHmac } from 'node:crypto';
import { verifyWebSubSignature } from './websub';

const body = Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>');
const sign = (algo: string, secret = 's3cret') => `${algo}=${createHmac(algo, secret).update(body).digest('hex')}`;

describe('verifyWebSubSignature', () => {
  it.each(['sha1', 'sha256', 'sha512'])('accepts a valid %s signature', (algo) => {
    expect(verifyWebSubSignature('s3cret', body, sign(algo))).toBe(true);
    expect(verifyWebSubSignature('s3cret', body.toString(), sign(algo))).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a missing or garbled header', () => {
    expect(verifyWebSubSignature('other', body, sign('sha256'))).toBe(false);
    expect(verifyWebSubSignature('s3cret', Buffer.concat([body, Buffer.from(' ')]), sign('sha256'))).toBe(false);
    expect(verifyWebSubSignature('s3cret', body, undefined)).toBe(false);
    expect(verifyWebSubSignature('s3cret', body, 'sha256=zz')).toBe(false);
    expect(verifyWebSubSignature('s3cret', body, sign('sha256').slice(0, -2))).toBe(false);
    expect(verifyWebSubSignature('s3cret', body, `md5=${'0'.repeat(32)}`)).toBe(false);
    expect(verifyWebSubSignature('', body, sign('sha256', ''))).toBe(false);
  });
});
