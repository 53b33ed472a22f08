import { SaxesParser } from 'saxes';

const EOC = -1;
const NL = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;
const AMP = 0x26;
const S_ENTITY = 14;
const S_ATTRIB_VALUE_QUOTED = 40;
const S_ATTRIB_VALUE_CLOSED = 41;

/**
 * saxes, made to read documents the way the feeds were read before (sax 1.x in strict mode),
 * so that titles, summaries and links keep their exact characters:
 * - line ends are not normalised: "\r\n" stays "\r\n" in text and "\r" counts as a column, as
 *   in sax; lines are counted at "\n" only and columns in UTF-16 units, so error positions match;
 * - attribute values keep their tabs and newlines and may hold a literal "<";
 * - whitespace after "<" and "</" is skipped.
 * Everything else (well-formedness, entities, CDATA) is saxes's own. The overridden methods
 * are saxes 6.0.0's, with only the lines above changed.
 */
export class XmlReader extends SaxesParser {
  constructor() {
    super({ xmlns: false, position: true });
  }
}

type Internals = {
  chunk: string;
  i: number;
  prevI: number;
  column: number;
  line: number;
  position: number;
  positionAtNewLine: number;
  q: number | null;
  text: string;
  name: string;
  state: number;
  entityReturnState: number;
  fail(message: string): unknown;
  unget(): void;
  pushAttrib(name: string, value: string): void;
  getCode(): number;
};

function getCode(this: Internals): number {
  const { chunk, i } = this;
  this.prevI = i;
  this.i = i + 1;
  if (i >= chunk.length) return EOC;
  const code = chunk.charCodeAt(i);
  this.column++;
  if (code < 0xd800) {
    if (code >= SPACE || code === TAB || code === CR) return code;
    if (code === NL) {
      this.line++;
      this.column = 0;
      this.positionAtNewLine = this.position;
      return NL;
    }
    this.fail('disallowed character.');
    return code;
  }
  if (code > 0xdbff) {
    if (!(code >= 0xe000 && code <= 0xfffd)) this.fail('disallowed character.');
    return code;
  }
  const final = 0x10000 + (code - 0xd800) * 0x400 + (chunk.charCodeAt(i + 1) - 0xdc00);
  this.i = i + 2;
  this.column++;
  if (final > 0x10ffff) this.fail('disallowed character.');
  return final;
}

const saxes = SaxesParser.prototype as unknown as Record<string, (this: Internals) => void>;

function isSpace(c: number): boolean {
  return c === SPACE || c === NL || c === CR || c === TAB;
}

Object.assign(XmlReader.prototype, {
  sOpenWaka(this: Internals): void {
    if (isSpace(this.getCode())) return;
    this.unget();
    saxes.sOpenWaka.call(this);
  },
  sCloseTag(this: Internals): void {
    if (this.name === '') {
      if (isSpace(this.getCode())) return;
      this.unget();
    }
    saxes.sCloseTag.call(this);
  },
  // sax read XML 1.1 documents as it read 1.0 ones.
  getCode10: getCode,
  getCode11: getCode,
  sAttribValueQuoted(this: Internals): void {
    const { q, chunk } = this;
    let start = this.i;
    for (;;) {
      switch (this.getCode()) {
        case q:
          this.pushAttrib(this.name, this.text + chunk.slice(start, this.prevI));
          this.name = this.text = '';
          this.q = null;
          this.state = S_ATTRIB_VALUE_CLOSED;
          return;
        case AMP:
          this.text += chunk.slice(start, this.prevI);
          this.state = S_ENTITY;
          this.entityReturnState = S_ATTRIB_VALUE_QUOTED;
          return;
        case EOC:
          this.text += chunk.slice(start);
          return;
        default:
      }
    }
  },
});
