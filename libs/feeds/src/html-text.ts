/** HTML to plain text for titles and summaries; the named entities feeds commonly use. */

const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml';

const OTHERS: Record<string, number> = {
  quot: 34, amp: 38, apos: 39, lt: 60, gt: 62, OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376,
  fnof: 402, circ: 710, tilde: 732, ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206,
  rlm: 8207, ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221,
  bdquo: 8222, dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243,
  lsaquo: 8249, rsaquo: 8250, oline: 8254, frasl: 8260, euro: 8364, trade: 8482, larr: 8592, uarr: 8593,
  rarr: 8594, darr: 8595, harr: 8596, minus: 8722, infin: 8734, asymp: 8776, ne: 8800, le: 8804, ge: 8805,
  alpha: 945, beta: 946, gamma: 947, delta: 948, mu: 956, pi: 960, sigma: 963, omega: 969, Delta: 916,
};

/** Named HTML entity → code point. */
export const HTML_ENTITIES: ReadonlyMap<string, number> = new Map<string, number>([
  ...LATIN1.split(' ').map((name, i) => [name, 160 + i] as [string, number]),
  ...Object.entries(OTHERS),
]);

/** The five entities XML itself defines. */
export const XML_ENTITIES: ReadonlySet<string> = new Set(['quot', 'amp', 'apos', 'lt', 'gt']);

function fromCodePoint(cp: number): string | null {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return String.fromCodePoint(cp);
}

/** Decodes named (known) and numeric character references; unknown ones stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (m, dec, hex, name) => {
    if (dec) return fromCodePoint(Number(dec)) ?? ' ';
    if (hex) return fromCodePoint(parseInt(hex, 16)) ?? ' ';
    const cp = HTML_ENTITIES.get(name);
    return cp === undefined ? m : String.fromCodePoint(cp);
  });
}

const BLOCK = /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|tr|td|th|table|section|article|header|footer|figure|figcaption|pre)\b[^>]*>/gi;

/** Whitespace other than single spaces: a run of two, or any other space character. */
const UNTIDY_SPACE = /[^\S ]|[\u200b\u200c\u200d\ufeff]| {2}/;

/** Strips tags (dropping script/style content), decodes entities, collapses whitespace. */
export function htmlToText(html: string, maxChars = Infinity): string {
  let s = html;
  if (s.includes('<')) {
    s = s
      .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
      .replace(/<(script|style|noscript|iframe)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
      .replace(BLOCK, ' ')
      .replace(/<\/?[A-Za-z!?][^>]*>/g, '');
  }
  s = decodeEntities(s);
  // A summary escaped twice ("&lt;p&gt;") decodes to markup: strip that too.
  if (s.includes('<')) s = s.replace(/<\/?[A-Za-z][^>]*>/g, ' ');
  // Most titles and summaries need no whitespace collapsed: look before making a copy.
  if (UNTIDY_SPACE.test(s)) s = s.replace(/[\s\u00a0\u200b\u200c\u200d\ufeff]+/g, ' ');
  s = s.trim();
  if (s.length > maxChars) s = truncateAtWord(s, maxChars);
  return s;
}

function truncateAtWord(s: string, max: number): string {
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}
