/**
 * The built-in company directory: the S&P 500, the Nasdaq-100, large ADRs and a few other
 * companies that lead market news. Plain TypeScript data, so it works from compiled ESM with no
 * file-system access.
 */
import { companyFromRow, type Company } from './company';
import { NASDAQ_ADR } from './nasdaq-adr';
import { SP500_A_K } from './sp500-a-k';
import { SP500_L_Z } from './sp500-l-z';

function build(): Company[] {
  const bySymbol = new Map<string, Company>();
  for (const row of [...SP500_A_K, ...SP500_L_Z, ...NASDAQ_ADR]) {
    const c = companyFromRow(row);
    const prev = bySymbol.get(c.symbol);
    if (prev) prev.aliases.push(...c.aliases.slice(1));
    else bySymbol.set(c.symbol, c);
  }
  return [...bySymbol.values()];
}

export const COMPANIES: readonly Company[] = build();
