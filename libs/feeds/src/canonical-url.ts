/** Query parameters that only track the click; dropping them makes one story one URL. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid',
  'ref', 'ref_src', 'ref_url', 'referrer', 'cmpid', 'cmp', 'ncid', 'sr_share', 'spm', '_ga', '_gl', 'oly_anon_id',
  'oly_enc_id', 'rss', 'feedtype', 'mkt_tok', 'vero_id', 'wt.mc_id', 'at_medium', 'at_campaign', 'soc_src', 'soc_trk',
]);
const TRACKING_PREFIXES = ['utm_', 'hmb_', 'pk_', 'mtm_', 'itm_', '__s'];

/**
 * The URL two links to the same article share: http(s) only, lower-case host, no default
 * port, no fragment, no tracking parameters, remaining parameters in their original order.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(url: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/, '');
  // URL drops :80 on http and :443 on https itself; nothing else is a default port.
  const params = [...u.searchParams];
  const kept = params.filter(([key]) => !isTracking(key.toLowerCase()));
  if (kept.length !== params.length) u.search = kept.length ? new URLSearchParams(kept).toString() : '';
  else if (u.search === '?') u.search = '';
  let out = u.toString();
  if (u.pathname === '/' && !u.search) out = out.replace(/\/$/, '');
  return out;
}

function isTracking(key: string): boolean {
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}
