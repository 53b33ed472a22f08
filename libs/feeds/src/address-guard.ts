import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Hosts and CIDR ranges that may be fetched although they are loopback, private or reserved. */
export interface AllowList {
  readonly hosts: ReadonlySet<string>;
  readonly ranges: ReadonlyArray<readonly [Address, number]>;
}

export type AddressCategory =
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'reserved'
  | 'multicast'
  | 'unspecified'
  | 'invalid';

export type AddressCheck =
  | { ok: true }
  | { ok: false; reason: string; linkLocal: boolean; category: AddressCategory };

export const EMPTY_ALLOW_LIST: AllowList = { hosts: new Set(), ranges: [] };
const ALLOW_ENV = 'SEISMO_FEED_ALLOW_HOSTS';

/**
 * Parses `SEISMO_FEED_ALLOW_HOSTS`-style entries ("127.0.0.1, 10.0.0.0/8, feeds.internal").
 * Throws a plain Error naming the bad entry, so configuration fails at boot.
 */
export function parseAllowList(spec: string | string[]): AllowList {
  const entries = (Array.isArray(spec) ? spec : [spec])
    .flatMap((s) => s.split(/[\s,]+/))
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const hosts = new Set<string>();
  const ranges: Array<readonly [Address, number]> = [];
  for (const entry of entries) {
    const bare = stripBrackets(entry);
    if (bare.includes('/')) {
      try {
        const [addr, bits] = ipaddr.parseCIDR(bare);
        ranges.push([addr, bits]);
      } catch {
        throw new Error(`${ALLOW_ENV}: "${entry}" is not a valid CIDR range`);
      }
    } else if (isIP(bare)) {
      const addr = ipaddr.parse(bare);
      ranges.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(bare)) {
      hosts.add(bare.replace(/\.$/, ''));
    } else {
      throw new Error(`${ALLOW_ENV}: "${entry}" is neither a host name, an IP address nor a CIDR range`);
    }
  }
  return { hosts, ranges };
}

/**
 * Decides whether a resolved address may be connected to. `host` is the URL's host name, so
 * that an allow-listed host name admits the addresses it resolves to. Link-local addresses
 * (169.254/16, fe80::/10: cloud metadata) are refused even when allow-listed.
 */
export function checkAddress(ip: string, allow: AllowList = EMPTY_ALLOW_LIST, host?: string): AddressCheck {
  const bare = stripBrackets(ip).replace(/%.*$/, '');
  if (!isIP(bare)) return refuse('invalid', `"${ip}" is not an IP address`);
  const addr = ipaddr.parse(bare);
  const shown = addr.toString();
  const { category, embedded } = classify(addr);
  if (category === null) return { ok: true };
  const what = embedded ? `address ${shown} embeds IPv4 ${embedded}, which is` : `address ${shown} is`;
  if (category === 'link-local') {
    return refuse(category, `${what} link-local (cloud metadata) and always refused`);
  }
  if (category === 'multicast' || category === 'unspecified' || category === 'invalid') {
    return refuse(category, `${what} ${category} and cannot be fetched`);
  }
  if (isAllowed(addr, allow, host)) return { ok: true };
  return refuse(category, `${what} ${CATEGORY_WORDS[category]} and not in ${ALLOW_ENV}`);
}

/** Noun phrase used in messages: "a link-local address", "a private address". */
export function categoryPhrase(category: AddressCategory): string {
  const word = CATEGORY_WORDS[category];
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word} address`;
}

const CATEGORY_WORDS: Record<AddressCategory, string> = {
  loopback: 'loopback',
  private: 'private',
  cgnat: 'shared (CGNAT)',
  'link-local': 'link-local',
  reserved: 'reserved',
  multicast: 'multicast',
  unspecified: 'unspecified',
  invalid: 'invalid',
};

function refuse(category: AddressCategory, reason: string): AddressCheck {
  return { ok: false, reason, linkLocal: category === 'link-local', category };
}

function isAllowed(addr: Address, allow: AllowList, host?: string): boolean {
  if (host && allow.hosts.has(stripBrackets(host).toLowerCase().replace(/\.$/, ''))) return true;
  const candidates: Address[] = [addr];
  if (addr.kind() === 'ipv6') {
    const v4 = embeddedIPv4(addr as ipaddr.IPv6);
    if (v4) candidates.push(v4);
  }
  return allow.ranges.some(([range, bits]) =>
    candidates.some((c) => c.kind() === range.kind() && c.match(range, bits)),
  );
}

interface Classification {
  /** null: a public unicast address. */
  category: AddressCategory | null;
  embedded?: string;
}

function classify(addr: Address): Classification {
  if (addr.kind() === 'ipv4') return { category: classifyV4(addr as ipaddr.IPv4) };
  const v6 = addr as ipaddr.IPv6;
  const v4 = embeddedIPv4(v6);
  if (v4) {
    const category = classifyV4(v4);
    return category === null ? { category: null } : { category, embedded: v4.toString() };
  }
  switch (v6.range() as string) {
    case 'unicast':
      return { category: null };
    case 'loopback':
      return { category: 'loopback' };
    case 'uniqueLocal':
    case 'deprecatedSiteLocal':
      return { category: 'private' };
    case 'linkLocal':
      return { category: 'link-local' };
    case 'multicast':
      return { category: 'multicast' };
    case 'unspecified':
      return { category: 'unspecified' };
    default:
      // Teredo, discard, benchmarking, documentation, ORCHID, ...: nothing a feed lives on.
      return { category: 'reserved' };
  }
}

function classifyV4(addr: ipaddr.IPv4): AddressCategory | null {
  switch (addr.range()) {
    case 'unicast':
      return null;
    case 'loopback':
      return 'loopback';
    case 'private':
      return 'private';
    case 'carrierGradeNat':
      return 'cgnat';
    case 'linkLocal':
      return 'link-local';
    case 'multicast':
    case 'broadcast':
      return 'multicast';
    case 'unspecified':
      return 'unspecified';
    default:
      return 'reserved';
  }
}

/**
 * The IPv4 address carried inside an IPv6 one: IPv4-mapped (::ffff:a.b.c.d), IPv4-translated
 * (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d), 6to4 (2002:AABB:CCDD::/16) and NAT64
 * (64:ff9b::/96, 64:ff9b:1::/48).
 */
function embeddedIPv4(addr: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = addr.parts;
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const range = addr.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return fromWords(p[6], p[7]);
  // 64:ff9b::/96 only; the local-use 64:ff9b:1::/48 is classified as reserved.
  if (range === 'rfc6052' && p.slice(2, 6).every((w) => w === 0)) return fromWords(p[6], p[7]);
  if (range === '6to4') return fromWords(p[1], p[2]);
  const compatible = p.slice(0, 6).every((w) => w === 0) && (p[6] !== 0 || p[7] > 1);
  return compatible ? fromWords(p[6], p[7]) : null;
}

function stripBrackets(s: string): string {
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
}
