/**
 * Turns feed bytes into text. Order: byte-order mark, then the charset of the Content-Type
 * header, then the XML declaration's encoding, then UTF-8. Labels are resolved by TextDecoder
 * (WHATWG), so iso-8859-1 decodes as windows-1252, and koi8-r, windows-1251, shift_jis and the
 * other legacy encodings work as well. An unknown label falls back to UTF-8.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  const label = sniffCharset(bytes, contentType);
  return decoderFor(label).decode(bytes);
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
