/**
 * Turns feed bytes into text. Order: byte-order mark, then the charset of the Content-Type
 * header, then the XML declaration's encoding, then UTF-8. Labels are resolved by TextDecoder
 * (WHATWG), so iso-8859-1 decodes as windows-1252, and koi8-r, windows-1251, shift_jis and the
 * other legacy encodings work as well. An unknown label falls back to UTF-8.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  const label = sniffCharset(bytes, contentType);
  const encoding = decoderFor(label).encoding;
  if (encoding === 'windows-1252') {
    // Servers often label UTF-8 as Latin-1: valid multi-byte UTF-8 is almost never real Latin-1.
    const utf8 = strictUtf8(bytes);
    return utf8 !== null && /[^\x00-\x7f]/.test(utf8) ? utf8 : decodeWindows1252(bytes);
  }
  return decoderFor(label).decode(bytes);
}

// Node's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80-0x9F become C1 controls), so
// the 0x80-0x9F block is mapped here. Undefined bytes map to themselves, as in WHATWG.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function sniffCharset(bytes: Uint8Array, contentType?: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader && isKnownLabel(fromHeader)) return fromHeader;
  const fromDecl = charsetFromXmlDeclaration(bytes);
  if (fromDecl && isKnownLabel(fromDecl)) return fromDecl;
  return 'utf-8';
}

export function charsetFromContentType(contentType?: string | null): string | null {
  const m = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i);
  return m ? m[1].toLowerCase() : null;
}

function charsetFromXmlDeclaration(bytes: Uint8Array): string | null {
  // The declaration is ASCII in every encoding a feed may use (UTF-16 is caught by its BOM).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)).toString('latin1');
  const m = head.match(/^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/);
  return m ? m[1].toLowerCase() : null;
}

function isKnownLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}
