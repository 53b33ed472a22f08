/**
 * The directory compiled for linking: symbols in a map, names and aliases in a first-token →
 * candidates map, so linking a text costs one map lookup per token and no regex per company.
 */
import { companyFromRow, isCommonWordSymbol, type AliasMode, type Company } from '../directory/company';
import { COMPANIES } from '../directory/companies';
import { BUILT_IN_TOPICS } from '../directory/topics';
import { LEXICON, type Dense, type Lex } from '../lexicon/lexicon';
import { hashString, StringTable } from '../text/string-table';
import { KIND_CASHTAG, tokenize } from '../text/tokenize';
import type { WatchedKeyword, WatchedTicker } from '../types';

export interface Entity {
  /** `t:NVDA` or `k:deepseek`: unique across tickers and keywords. */
  key: string;
  type: 'ticker' | 'keyword';
  /** Ticker symbol, or the keyword term. */
  symbol: string;
  name: string | null;
  commonWordSymbol: boolean;
  /** Keywords: the tickers whose subscribers also care (DeepSeek → NVDA, AVGO). */
  linked: string[];
}

/** A lexicon entry extended with the directory names that start with the word. */
export interface WordEntry extends Lex {
  names?: Phrase[];
}

export interface Phrase {
  /** Lower-case match tokens (`.` and `-` dropped). */
  tokens: string[];
  /** Per match token: the hash a token matching it has (see `tokenHashes`). */
  hashes: Int32Array;
  entity: Entity;
  mode: AliasMode;
  upperOnly: boolean;
}

/**
 * A word entry with every field present, `names` last, so that all share one hidden class (see
 * denseLex). Written out field by field: a spread copy (`{ ...lx }`) gives each copy a map of its own.
 */
function wordEntry(lx: Lex): Dense<WordEntry> {
  return {
    dir: lx.dir, metric: lx.metric, metricAlone: lx.metricAlone, polar: lx.polar, negator: lx.negator, hedge: lx.hedge,
    mod: lx.mod, modAfter: lx.modAfter, rating: lx.rating, ratingBefore: lx.ratingBefore, ratingAfterOk: lx.ratingAfterOk,
    particle: lx.particle, percentWord: lx.percentWord, compare: lx.compare, splitter: lx.splitter, concessive: lx.concessive,
    contrast: lx.contrast, phrases: lx.phrases, cues: lx.cues, names: undefined,
  };
}

/**
 * The `TokenStore.hash` a token matching each match token has: a cashtag's is that of its
 * symbol, without the `$`. The linker rejects most candidate names by these integers alone.
 */
function tokenHashes(tokens: readonly string[]): Int32Array {
  return Int32Array.from(tokens, (w) => hashString(w.length > 1 && w.charCodeAt(0) === 36 ? w.slice(1) : w));
}

/** Lower-case tokens of a name as the linker compares them: dots and hyphens dropped. */
export function matchTokens(text: string): string[] {
  const out: string[] = [];
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const c = tokens.code[i];
    if (c === 46 /* . */ || c === 45 /* - */ || c === 0x2013 /* – */) continue;
    out.push(tokens.kind[i] === KIND_CASHTAG ? '$' + tokens.lower(i) : tokens.lower(i));
  }
  return out;
}

/** First words of company names that say nothing on their own. */
const GENERIC_NAME_WORDS = new Set(['bank', 'group', 'royal', 'first', 'general', 'united', 'american', 'national', 'global', 'international', 'china', 'british', 'new', 'great', 'north', 'south', 'east', 'west', 'capital', 'the']);

const TICKER_RE = /^[A-Z][A-Z0-9]{0,5}(?:[.-][A-Z])?$/;

export function looksLikeTicker(s: string): boolean {
  return TICKER_RE.test(s);
}

export class DirectoryIndex {
  readonly bySymbol = new Map<string, Entity>();
  readonly byKey = new Map<string, Entity>();
  readonly phrases = new StringTable<Phrase[]>(4096);
  /** Lower-case normalised name → entity, for resolving `targets` given as names. */
  readonly byName = new Map<string, Entity>();
  private readonly phrasesOf = new Map<Entity, Phrase[]>();
  private wordTable: StringTable<WordEntry> | null = null;

  /**
   * Lexicon and directory in one table, so each token is looked up once for both the rules and
   * the linker. Rebuilt lazily after the directory changes.
   */
  /** Whether `table` is this index's current word table (without building one). */
  ownsWords(table: StringTable<WordEntry>): boolean {
    return this.wordTable === table;
  }

  get words(): StringTable<WordEntry> {
    if (this.wordTable === null) {
      const t = new StringTable<WordEntry>(LEXICON.size + this.phrases.size);
      for (const [w, lx] of LEXICON.entries()) t.set(w, wordEntry(lx));
      for (const [w, list] of this.phrases.entries()) {
        let e = t.get(w);
        if (!e) t.set(w, (e = wordEntry({})));
        e.names = list;
      }
      this.wordTable = t;
    }
    return this.wordTable;
  }
  private readonly symbolsOf = new Map<Entity, string[]>();

  static build(tickers: readonly WatchedTicker[] = [], keywords: readonly WatchedKeyword[] = []): DirectoryIndex {
    const index = new DirectoryIndex();
    for (const c of COMPANIES) index.addCompany(c);
    for (const k of BUILT_IN_TOPICS) index.addKeyword(k);
    for (const t of tickers) index.addTicker(t);
    for (const k of keywords) index.addKeyword(k);
    return index;
  }

  private tickerEntity(symbol: string, name: string | null): Entity {
    const sym = symbol.toUpperCase();
    let e = this.bySymbol.get(sym);
    if (!e) {
      e = { key: 't:' + sym, type: 'ticker', symbol: sym, name, commonWordSymbol: isCommonWordSymbol(sym), linked: [] };
      this.setSymbol(sym, e);
      this.byKey.set(e.key, e);
    } else if (!e.name && name) e.name = name;
    return e;
  }

  addCompany(c: Company): void {
    const e = this.tickerEntity(c.symbol, c.name);
    for (const other of c.symbols.slice(1)) if (!this.bySymbol.has(other)) this.setSymbol(other, e);
    for (const a of c.aliases) this.addPhrase(a.text, e, a.mode, a.upperOnly);
  }

  addTicker(t: WatchedTicker): void {
    const symbol = (t.symbol ?? '').trim().replace(/^\$/, '').toUpperCase();
    if (!symbol) return;
    const known = this.bySymbol.has(symbol);
    const name = t.name?.trim() || null;
    const e = this.tickerEntity(symbol, name);
    // A user's names are taken as given, unless they are a single ordinary word we already know as one.
    const names = [...(name && !known ? [name] : []), ...(t.aliases ?? [])];
    for (const raw of names) {
      const c = companyFromRow([symbol, raw, '']);
      const alias = c.aliases[0];
      this.addPhrase(alias.text, e, this.knownMode(alias.text) ?? 'plain', /^[A-Z0-9&.\-]+$/.test(alias.text) && alias.text.length >= 2);
    }
  }

  addKeyword(k: WatchedKeyword): void {
    const term = (k.term ?? '').trim();
    if (!term) return;
    const key = 'k:' + term.toLowerCase();
    let e = this.byKey.get(key);
    if (!e) {
      e = { key, type: 'keyword', symbol: term, name: term, commonWordSymbol: false, linked: [] };
      this.byKey.set(key, e);
    }
    for (const s of k.symbols ?? []) {
      const sym = s.trim().replace(/^\$/, '').toUpperCase();
      if (sym && !e.linked.includes(sym)) e.linked.push(sym);
    }
    for (const text of [term, ...(k.aliases ?? [])]) {
      const upper = /^[A-Z0-9]+$/.test(text) && /[A-Z].*[A-Z]/.test(text);
      this.addPhrase(text, e, 'plain', upper);
    }
  }

  private knownMode(text: string): AliasMode | undefined {
    const tokens = matchTokens(text);
    if (tokens.length === 0) return undefined;
    for (const p of this.phrases.get(tokens[0]) ?? []) {
      if (p.tokens.length === tokens.length && p.tokens.every((t, i) => t === tokens[i]) && p.mode !== 'plain') return p.mode;
    }
    return undefined;
  }

  private setSymbol(symbol: string, e: Entity): void {
    this.bySymbol.set(symbol, e);
    const list = this.symbolsOf.get(e);
    if (list) list.push(symbol);
    else this.symbolsOf.set(e, [symbol]);
  }

  private addPhrase(text: string, entity: Entity, mode: AliasMode, upperOnly: boolean): void {
    const tokens = matchTokens(text);
    if (tokens.length === 0 || tokens.join('').length < 2) return;
    this.addPhraseObject({ tokens, hashes: tokenHashes(tokens), entity, mode, upperOnly });
  }

  private addPhraseObject(phrase: Phrase): void {
    const { tokens, entity } = phrase;
    const list = this.phrases.get(tokens[0]);
    this.wordTable = null;
    const own = this.phrasesOf.get(entity);
    if (own) own.push(phrase);
    else this.phrasesOf.set(entity, [phrase]);
    if (!list) this.phrases.set(tokens[0], [phrase]);
    else {
      if (list.some((p) => p.entity === entity && p.tokens.length === tokens.length && p.tokens.every((t, i) => t === tokens[i]))) return;
      list.push(phrase);
      list.sort((a, b) => b.tokens.length - a.tokens.length);
    }
    const name = tokens.join(' ');
    if (!this.byName.has(name)) this.byName.set(name, entity);
  }

  /** Copies one entity's symbols and names from another index (scoring given `targets`). */
  adopt(from: DirectoryIndex, e: Entity): void {
    if (from === this) return;
    for (const s of from.symbolsOf.get(e) ?? []) if (!this.bySymbol.has(s)) this.setSymbol(s, e);
    for (const p of from.phrasesOf.get(e) ?? []) this.addPhraseObject(p);
    this.byKey.set(e.key, e);
  }

  /** An entity for a target the directory does not know: a ticker-like string or a name. */
  adHoc(target: string): Entity {
    const bare = target.replace(/^\$/, '');
    if (looksLikeTicker(bare)) {
      const e = this.tickerEntity(bare, null);
      this.addPhrase(bare, e, 'plain', true);
      return e;
    }
    const e: Entity = { key: 'n:' + target.toLowerCase(), type: 'ticker', symbol: target, name: target, commonWordSymbol: false, linked: [] };
    this.byKey.set(e.key, e);
    this.addPhrase(target, e, 'plain', false);
    const first = matchTokens(target);
    if (first.length >= 2 && first[0].length >= 4 && !GENERIC_NAME_WORDS.has(first[0])) this.addPhrase(first[0], e, 'soft', false);
    return e;
  }

  /** Resolves a `targets` entry: a symbol, a cashtag, or a company name or alias. */
  resolve(target: string): Entity | undefined {
    const t = target.trim();
    if (!t) return undefined;
    const sym = t.replace(/^\$/, '').toUpperCase();
    if (looksLikeTicker(t.replace(/^\$/, '')) || t.startsWith('$')) {
      const e = this.bySymbol.get(sym);
      if (e) return e;
    }
    return this.byName.get(matchTokens(t).join(' ')) ?? this.byKey.get('k:' + t.toLowerCase());
  }
}
