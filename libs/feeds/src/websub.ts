import { createHmac, timingSafeEqual } from 'node:crypto';

const ALGORITHMS: Record<string, string> = { sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/**
 * Verifies a WebSub content distribution signature (`X-Hub-Signature: sha256=<hex>`, or sha1,
 * sha384, sha512) over the raw request body, in constant time.
 */
export function verifyWebSubSignature(secret: string, body: Buffer | string, header: string | undefined): boolean {
  if (!secret || !header) return false;
  const m = /^\s*(sha1|sha256|sha384|sha512)=([0-9a-fA-F]+)\s*$/.exec(header);
  if (!m) return false;
  const expected = createHmac(ALGORITHMS[m[1]], secret).update(body).digest();
  const given = Buffer.from(m[2], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
