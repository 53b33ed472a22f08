import { DirectoryIndex } from './directory-index';
import { LINKER_CASES } from './linker-cases';
import { link, textShape } from './linker';
import { tokenize } from '../text/tokenize';

const index = DirectoryIndex.build();

function linked(text: string): string[] {
  const tokens = tokenize(text);
  const found = link(tokens, index, textShape(tokens)).map((m) => (m.entity.type === 'keyword' ? '#' + m.entity.symbol : m.entity.symbol));
  return [...new Set(found)].sort();
}

describe('linker hard cases', () => {
  it('reaches precision ≥ 0.95 and recall ≥ 0.90 over (text, symbol) pairs', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: string[] = [];
    for (const c of LINKER_CASES) {
      const got = new Set(linked(c.text));
      const want = new Set(c.expect);
      for (const s of got) {
        if (want.has(s)) tp++;
        else {
          fp++;
          misses.push(`extra ${s}: ${c.text}`);
        }
      }
      for (const s of want) {
        if (!got.has(s)) {
          fn++;
          misses.push(`missed ${s}: ${c.text}`);
        }
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect({ precision: precision >= 0.95, recall: recall >= 0.9, misses }).toEqual({ precision: true, recall: true, misses: expect.any(Array) });
    expect(LINKER_CASES.length).toBeGreaterThanOrEqual(100);
  });

  it.each([
    ['Apple pie sales rise at bakeries', []],
    ['Buffett, the Oracle of Omaha, buys more stock', []],
    ['A meta-analysis of 40 studies', []],
    ['Net income rose 12%', []],
    ['The Fed holds rates steady', []],
    ['The unit is an arm of the company', []],
    ['Ford recalls trucks', ['F']],
    ['Nvidia Corporation (NASDAQ: NVDA) and $AVGO', ['AVGO', 'NVDA']],
    ['(NYSE: F) rallies', ['F']],
  ])('%s → %j', (text, want) => {
    expect(linked(text)).toEqual(want);
  });

  it('links a cashtag of a symbol outside the directory without a name', () => {
    const tokens = tokenize('$BYND slides');
    const [m] = link(tokens, index, textShape(tokens));
    expect(m.entity).toMatchObject({ symbol: 'BYND', name: null, type: 'ticker' });
  });

  it('extends the directory with watched tickers and keywords', () => {
    const custom = DirectoryIndex.build([{ symbol: 'ACME', name: 'Acme Rockets', aliases: ['Acme'] }], [{ term: 'rocket fuel', symbols: ['ACME'] }]);
    const tokens = tokenize('Acme says rocket fuel costs doubled; ACME shares fall');
    const found = link(tokens, custom, textShape(tokens)).map((m) => m.entity.symbol);
    expect(found).toEqual(['ACME', 'rocket fuel', 'ACME']);
  });
});
