/**
 * The shared front half of scoring: clean, tokenise, lay out, extract rule evidence. Used by the
 * engine and by the training script, so both see exactly the same features.
 */
import { lexOf } from '../lexicon/lexicon';
import type { DirectoryIndex, WordEntry } from '../linker/directory-index';
import type { StringTable } from '../text/string-table';
import { extractEvidence, type RuleResult } from '../scorer/rules';
import { layout, type Layout } from '../scorer/segments';
import { cleanText } from '../text/sanitize';
import { Kind, punctToken, tokenize, type Token } from '../text/tokenize';

export interface Prepared {
  tokens: Token[];
  /** Per token: its entry in `words` (lexicon and directory names). */
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
}

const SEPARATOR: Token = punctToken('|');

export function prepare(text: string, title: string | undefined, index: DirectoryIndex): Prepared {
  const body = cleanText(text);
  let tokens: Token[];
  let titleEnd = 0;
  let truncated = body.truncated;
  if (title !== undefined && title !== null && String(title).trim() !== '') {
    const head = cleanText(title);
    truncated ||= head.truncated;
    const tt = tokenize(head.text);
    titleEnd = tt.length;
    tokens = tt;
    const bt = tokenize(body.text);
    if (bt.length) {
      tokens.push(SEPARATOR);
      for (const t of bt) tokens.push(t);
    }
  } else {
    tokens = tokenize(body.text);
  }
  let contentTokens = 0;
  for (let i = 0; i < tokens.length; i++) if (tokens[i].kind !== Kind.Punct) contentTokens++;
  const words = index.words;
  const lex = lexOf(tokens, words);
  const lay = layout(tokens, lex);
  const rules = extractEvidence(tokens, lay, lex);
  return { tokens, lex, words, layout: lay, rules, titleEnd, truncated, contentTokens };
}
