/**
 * The shared front half of scoring: clean, tokenise, lay out, extract rule evidence. Used by the
 * engine and by the training script, so both see exactly the same features.
 */
import type { DirectoryIndex, WordEntry } from '../linker/directory-index';
import type { StringTable } from '../text/string-table';
import { extractEvidence, type RuleResult } from '../scorer/rules';
import { layout, type Layout } from '../scorer/segments';
import { cleanText } from '../text/sanitize';
import { ShapeCounter, type TextShape } from '../linker/linker';
import { KIND_PUNCT, TokenStore } from '../text/tokenize';

export interface Prepared {
  /** The store shared by every `prepare` call: valid until the next one. */
  tokens: TokenStore;
  /**
   * Per token: its entry in `words` (lexicon and directory names). Shared by every `prepare` call,
   * like `tokens`, and may be longer than the text: only its first `tokens.length` entries are valid.
   */
  lex: (WordEntry | undefined)[];
  /** The table `lex` came from. */
  words: StringTable<WordEntry>;
  layout: Layout;
  rules: RuleResult;
  /** Tokens before this index come from the title. */
  titleEnd: number;
  truncated: boolean;
  /** Number of word, number and cashtag tokens. */
  contentTokens: number;
  /** What the casing of the text says (see linker.textShape). */
  shape: TextShape;
}

/** Reused: prepare() is synchronous, and its callers are done with a text before the next. */
const SHAPE = new ShapeCounter();
const TOKENS = new TokenStore();
/**
 * `Prepared.lex`, reused like TOKENS: a fresh array per text was filled by push, and the first
 * push into an empty array is a call into the runtime to give it room for 17 (2–3 % of the
 * profile with the layout's arrays). Written by index, grown by push: it stays a packed array,
 * which every later stage reads without hole checks; entries past the text are stale, never read.
 */
const LEX: (WordEntry | undefined)[] = [];

export function prepare(text: string, title: string | undefined, index: DirectoryIndex): Prepared {
  const body = cleanText(text);
  const tokens = TOKENS.reset();
  let titleEnd = 0;
  let truncated = body.truncated;
  if (title !== undefined && title !== null && String(title).trim() !== '') {
    const head = cleanText(title);
    truncated ||= head.truncated;
    titleEnd = tokens.append(head.text);
    // Title and body joined by a bar, kept only when the body has tokens.
    tokens.appendPunct('|');
    if (tokens.append(body.text) === 0) tokens.pop();
  } else {
    tokens.append(body.text);
  }
  // One pass: lexicon entries, content count and the text's casing shape.
  const words = index.words;
  const n = tokens.length;
  const lex = LEX;
  while (lex.length < n) lex.push(undefined);
  let contentTokens = 0;
  const counter = SHAPE.reset();
  const kind = tokens.kind;
  for (let i = 0; i < n; i++) {
    if (kind[i] === KIND_PUNCT) {
      lex[i] = undefined;
      continue;
    }
    contentTokens++;
    lex[i] = words.getToken(tokens, i);
    counter.add(tokens, i);
  }
  const shape = counter.shape();
  const lay = layout(tokens, lex);
  const rules = extractEvidence(tokens, lay, lex);
  return { tokens, lex, words, layout: lay, rules, titleEnd, truncated, contentTokens, shape };
}
