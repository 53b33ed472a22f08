import { canonicalizeUrl } from './canonical-url';

describe('canonicalizeUrl', () => {
  it.each([
    ['https://Example.COM/Path?b=2&a=1', 'https://example.com/Path?b=2&a=1'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['https://example.com/a?utm_source=rss&utm_medium=feed&id=3&gclid=z&mc_cid=q&ref=tw#frag', 'https://example.com/a?id=3'],
    ['https://example.com/a?fbclid=abc', 'https://example.com/a'],
    ['https://example.com/', 'https://example.com'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
    ['  https://example.com/a b  ', 'https://example.com/a%20b'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'mailto:a@b.c', 'ftp://example.com/', '/relative', ''])('refuses %s', (input) => {
    expect(canonicalizeUrl(input)).toBeNull();
  });
});
