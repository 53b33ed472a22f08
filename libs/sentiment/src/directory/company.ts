/** Company directory types and the rules that mark symbols and names as ordinary words. */

/** [symbol, legal name, aliases joined by `|`, other share-class symbols joined by `|`]. */
export type CompanyRow = readonly [string, string, string, string?];

/**
 * How an alias may link:
 * - `plain`: distinctive (Nvidia, Broadcom); any case unless it is an acronym.
 * - `soft`: an ordinary word or surname (Apple, Oracle, Ford); links when capitalised and not
 *   in a trap context (Apple pie, the Oracle of Omaha, meta-analysis, Harrison Ford).
 * - `hard`: a word that is far more often not the company (Progressive, Block, Square);
 *   links only next to company context (shares, Inc., CEO, a cashtag of the same company).
 */
export type AliasMode = 'plain' | 'soft' | 'hard';

export interface CompanyAlias {
  text: string;
  mode: AliasMode;
  /** Acronyms (GE, BP, AMD) link only when written in capitals. */
  upperOnly: boolean;
}

export interface Company {
  symbol: string;
  /** All share classes, the main symbol first (GOOGL, GOOG). */
  symbols: string[];
  name: string;
  aliases: CompanyAlias[];
  /** The symbol is an ordinary word or abbreviation: a bare `ARM` or `NOW` never links. */
  commonWordSymbol: boolean;
}

/**
 * Symbols that are English words, common abbreviations or names. A bare upper-case token equal
 * to one of these never links; `$F`, `NYSE: F` and the company names still do. Every
 * single-letter symbol is treated the same way.
 */
export const COMMON_WORD_SYMBOLS: ReadonlySet<string> = new Set([
  'ALL', 'AM', 'AMP', 'APP', 'ARE', 'ARM', 'BALL', 'BAT', 'BE', 'BIG', 'BR', 'BRO', 'BUD', 'CAR', 'CAT', 'CE',
  'CF', 'CI', 'COIN', 'COST', 'DASH', 'DAY', 'DD', 'DE', 'DECK', 'DOC', 'DOW', 'ED', 'EG', 'EL', 'ERIC', 'ERIE',
  'ES', 'EW', 'EXE', 'FAST', 'FI', 'FOX', 'GEN', 'HAL', 'HAS', 'HD', 'HON', 'HOOD', 'HUM', 'ICE', 'ING', 'IP',
  'IR', 'IT', 'KEY', 'KEYS', 'KIM', 'LI', 'LOW', 'LUV', 'MA', 'MAR', 'MET', 'META', 'MO', 'MS', 'NET', 'NI',
  'NOK', 'NOW', 'NU', 'ON', 'PEG', 'PH', 'PM', 'POOL', 'PSA', 'RACE', 'REG', 'RF', 'RIO', 'SAN', 'SE', 'SHOP',
  'SNOW', 'SO', 'SPOT', 'SW', 'TAP', 'TD', 'TEAM', 'TECH', 'TEL', 'TM', 'TXT', 'USB', 'VALE', 'WELL', 'WY',
  // abbreviations that are tickers somewhere, so a user may add them to a watchlist
  'AI', 'AR', 'ATM', 'CEO', 'CFO', 'CPI', 'EPS', 'ETF', 'EU', 'EV', 'FDA', 'FED', 'GDP', 'HR', 'IPO', 'OK', 'PC',
  'PR', 'QE', 'SEC', 'TV', 'UK', 'US', 'USA', 'UN', 'VR', 'ESG', 'YOY', 'ROI', 'ROE', 'EBIT', 'NYSE', 'CEOS', 'GO',
  'NEW', 'BEST', 'PLAY', 'LOVE', 'FUN', 'LIFE', 'OPEN', 'REAL', 'SAFE', 'TRUE', 'WORK', 'YOU', 'ANY', 'EAT',
  'CASH', 'FREE', 'GOOD', 'HOME', 'JOB', 'MAIN', 'NICE', 'ONE', 'OUT', 'PAY', 'RUN', 'SEE', 'TOP', 'TWO', 'UP',
  'WIN', 'ZIP', 'BIO', 'CARE', 'EDU', 'FUND', 'HAIL', 'INFO', 'LAND', 'LAZ', 'MAN', 'MIND', 'PLUG', 'RIDE',
]);

export function isCommonWordSymbol(symbol: string): boolean {
  const core = symbol.replace(/\.[A-Z]$/, '');
  return core.length <= 1 || COMMON_WORD_SYMBOLS.has(core);
}

function isAcronym(text: string): boolean {
  return /^[A-Z0-9&.\-]+$/.test(text) && /[A-Z]/.test(text) && text.replace(/[^A-Z]/g, '').length >= 2;
}

export function parseAlias(raw: string): CompanyAlias {
  const mode: AliasMode = raw.startsWith('~') ? 'soft' : raw.startsWith('!') ? 'hard' : 'plain';
  const text = mode === 'plain' ? raw : raw.slice(1);
  return { text, mode, upperOnly: isAcronym(text) };
}

export function companyFromRow(row: CompanyRow): Company {
  const [symbol, name, aliases, others] = row;
  const list: CompanyAlias[] = [{ text: name, mode: 'plain', upperOnly: false }];
  for (const raw of aliases.split('|')) if (raw) list.push(parseAlias(raw));
  return {
    symbol,
    symbols: [symbol, ...(others ? others.split('|') : [])],
    name,
    aliases: list,
    commonWordSymbol: isCommonWordSymbol(symbol),
  };
}
