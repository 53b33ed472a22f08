/** Documents that attack XML parsers, for tests. */

/** The classic "billion laughs": ten nested levels of ten references each (10^9 "lol"s). */
export function billionLaughs(): string {
  const defs = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${defs.join('\n')}\n]>\n<rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
}

/** An external entity pointing at a local file. */
export function xxe(target = 'file:///etc/passwd'): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "${target}"> ]>\n<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><guid>1</guid></item></channel></rss>`;
}

/** A parameter entity that would pull in an external DTD. */
export function parameterEntity(): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY % dtd SYSTEM "http://127.0.0.1:1/evil.dtd"> %dtd; ]>\n<rss version="2.0"><channel><title>x</title></channel></rss>`;
}

/** One small entity referenced far too often ("quadratic blowup"). */
export function quadraticBlowup(): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY a "${'x'.repeat(1000)}"> ]>\n<rss version="2.0"><channel><title>${'&a;'.repeat(5000)}</title></channel></rss>`;
}
