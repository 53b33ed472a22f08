/**
 * The shared front half of scoring: clean, tokenise, lay out, extract rule evidence. Used by the
 * engine and by the training script, so both see exactly the same features.
 */
import { lexOf } from '../lexicon/lexicon';
import { extractEvidence, type RuleResult } from '../scorer/rules';
import { layout, type Layout } from '../scorer/segments';
import { cleanText } from '../text/sanitize';
import { Case, Kind, tokenize, type Token } from '../text/tokenize';

export interface Prepared {
  tokens: Token[];
  layout: Layout;
  rules: RuleResult;
  /** Tokens before this index come from the title. */
  titleEnd: number;
  truncated: boolean;
  /** Number of word, number and cashtag tokens. */
  contentTokens: number;
}

const SEPARATOR: Token = {
  kind: Kind.Punct, text: '|', lower: '|', start: 0, spaceBefore: true, case: Case.None, value: 0, signed: false, pct: false, money: false,
};

export function prepare(text: string, title?: string): Prepared {
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
  for (const t of tokens) if (t.kind !== Kind.Punct) contentTokens++;
  const lex = lexOf(tokens);
  const lay = layout(tokens, lex);
  const rules = extractEvidence(tokens, lay, lex);
  return { tokens, layout: lay, rules, titleEnd, truncated, contentTokens };
}
