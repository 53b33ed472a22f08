import { checkAddress, parseAllowList } from './address-guard';

const none = parseAllowList([]);

describe('checkAddress', () => {
  it.each([
    ['93.184.216.34'],
    ['8.8.8.8'],
    ['2606:4700:4700::1111'],
    ['::ffff:8.8.8.8'],
    ['2002:0808:0808::1'],
    ['64:ff9b::808:808'],
  ])('accepts the public address %s', (ip) => {
    expect(checkAddress(ip, none)).toEqual({ ok: true });
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['2002:7f00:0001::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'link-local'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b:1::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['not-an-ip', 'invalid'],
  ])('refuses %s as %s', (ip, category) => {
    const check = checkAddress(ip, none);
    expect(check).toMatchObject({ ok: false, category, linkLocal: category === 'link-local' });
  });

  it('names the address and the setting in its reason', () => {
    expect(checkAddress('10.0.0.1', none)).toMatchObject({ reason: 'address 10.0.0.1 is private and not in SEISMO_FEED_ALLOW_HOSTS' });
  });

  it('lets allow-listed loopback and private ranges through', () => {
    const allow = parseAllowList('127.0.0.1, 10.0.0.0/8 ::1');
    expect(checkAddress('127.0.0.1', allow).ok).toBe(true);
    expect(checkAddress('127.0.0.2', allow).ok).toBe(false);
    expect(checkAddress('10.200.3.4', allow).ok).toBe(true);
    expect(checkAddress('::ffff:10.0.0.9', allow).ok).toBe(true);
    expect(checkAddress('::1', allow).ok).toBe(true);
    expect(checkAddress('192.168.0.1', allow).ok).toBe(false);
  });

  it('lets an allow-listed host name through whatever private address it has', () => {
    const allow = parseAllowList(['feeds.internal']);
    expect(checkAddress('10.9.9.9', allow, 'feeds.internal').ok).toBe(true);
    expect(checkAddress('10.9.9.9', allow, 'FEEDS.internal.').ok).toBe(true);
    expect(checkAddress('10.9.9.9', allow, 'other.internal').ok).toBe(false);
  });

  it('refuses link-local and IPv6 link-local even when allow-listed', () => {
    const allow = parseAllowList(['169.254.0.0/16', 'fe80::/10', '0.0.0.0/0', 'metadata.internal']);
    expect(checkAddress('169.254.169.254', allow, 'metadata.internal')).toMatchObject({ ok: false, linkLocal: true });
    expect(checkAddress('fe80::a', allow)).toMatchObject({ ok: false, linkLocal: true });
    expect(checkAddress('::ffff:169.254.169.254', allow)).toMatchObject({ ok: false, linkLocal: true });
  });
});

describe('parseAllowList', () => {
  it('reads hosts, addresses and CIDRs separated by commas or spaces', () => {
    const allow = parseAllowList(' 127.0.0.1,localhost  10.0.0.0/8,[::1] ');
    expect([...allow.hosts]).toEqual(['localhost']);
    expect(allow.ranges.map(([a, bits]) => `${a.toString()}/${bits}`)).toEqual(['127.0.0.1/32', '10.0.0.0/8', '::1/128']);
  });

  it('names a bad entry', () => {
    expect(() => parseAllowList('10.0.0.0/99')).toThrow('"10.0.0.0/99" is not a valid CIDR range');
    expect(() => parseAllowList('http://x/')).toThrow('SEISMO_FEED_ALLOW_HOSTS: "http://x/"');
  });
});
