/**
 * Input hygiene for the scorer: bounded length, no markup, no control characters.
 * Everything here is linear in the input and runs before tokenising.
 */

/** Texts longer than this many characters are cut before scoring (after markup removal). */
export const MAX_TEXT_CHARS = 20_000;

/** Raw input beyond this is not even looked at (markup removal is linear, but bounded anyway). */
const MAX_RAW_CHARS = MAX_TEXT_CHARS * 4;

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', minus: '−', euro: '€', pound: '£',
};

function decodeEntity(match: string, body: string): string {
  if (body.charCodeAt(0) === 35 /* # */) {
    const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
    const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ' ';
    return String.fromCodePoint(code);
  }
  return ENTITIES[body.toLowerCase()] ?? match;
}

export interface CleanText {
  text: string;
  truncated: boolean;
}

/**
 * Strips HTML (tags, scripts, styles, comments), decodes common entities and truncates to
 * {@link MAX_TEXT_CHARS}. Control characters and unpaired surrogates are left to the tokenizer,
 * which reads them as spaces.
 */
export function cleanText(input: unknown): CleanText {
  let text = typeof input === 'string' ? input : input == null ? '' : String(input);
  let truncated = false;
  if (text.length > MAX_RAW_CHARS) {
    text = text.slice(0, MAX_RAW_CHARS);
    truncated = true;
  }
  if (text.indexOf('<') !== -1) {
    text = text
      .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
      .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
      .replace(/<\/?[a-zA-Z][^<>]*(?:>|$)/g, ' ');
  }
  if (text.indexOf('&') !== -1) {
    text = text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, decodeEntity);
  }
  // Control characters and lone surrogates need no pass here: the tokenizer reads them as spaces.
  if (text.length > MAX_TEXT_CHARS) {
    text = text.slice(0, MAX_TEXT_CHARS);
    truncated = true;
  }
  return { text, truncated };
}
