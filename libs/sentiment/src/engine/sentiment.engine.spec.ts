import { SentimentEngine, MODEL_VERSION } from './sentiment.engine';
import { MAX_TEXT_CHARS } from '../text/sanitize';
import type { Analysis } from '../types';

const engine = new SentimentEngine();

function target(a: Analysis, symbol: string) {
  const t = a.targets.find((x) => x.symbol === symbol);
  if (!t) throw new Error(`no target ${symbol} in ${JSON.stringify(a.targets.map((x) => x.symbol))}`);
  return t;
}

describe('SentimentEngine: finance language', () => {
  it.each([
    ['Nvidia shares fell 9% in early trading', 'negative'],
    ['The retailer cut its full-year guidance', 'negative'],
    ['Chipmaker beats estimates and raises outlook', 'positive'],
    ['Analyst raises price target on Tesla to $400', 'positive'],
    ['Brokerage lowers its price target on Intel', 'negative'],
    ['DeepSeek wipes $600bn off Nvidia market value', 'negative'],
    ['Operating profit increased to EUR 9.2 mn from EUR 6.0 mn', 'positive'],
    ['Net sales decreased by 11 % to EUR 48 mn', 'negative'],
    ['The pre-tax loss narrowed to EUR 1.3 mn', 'positive'],
    ['The operating loss widened to EUR 7 mn', 'negative'],
    ['Costs were reduced by 12 percent', 'positive'],
    ['Goldman downgrades the bank to sell', 'negative'],
    ['Company files for Chapter 11 bankruptcy protection', 'negative'],
  ])('%s → %s', (text, label) => {
    expect(engine.analyze(text).label).toBe(label);
  });

  it('reads numbers with a direction', () => {
    expect(engine.analyze('Broadcom -17% in its worst session since 2020').label).toBe('negative');
    expect(engine.analyze('Palantir +9% after the contract win').label).toBe('positive');
    expect(engine.analyze('Shares down 17% by the close').label).toBe('negative');
    expect(engine.analyze('The stock rose 9% on Tuesday').label).toBe('positive');
    // a bigger move scores stronger
    expect(engine.analyze('Shares rose 25%').score).toBeGreaterThan(engine.analyze('Shares rose 1%').score);
  });

  it('handles negation', () => {
    const fell = engine.analyze('Shares fell after the recall');
    const notFell = engine.analyze('Shares did not fall as much as feared after the recall');
    expect(fell.label).toBe('negative');
    expect(notFell.score).toBeGreaterThan(fell.score);
    expect(notFell.label).not.toBe('negative');
    expect(engine.analyze('Profit did not improve in the period').label).toBe('negative');
  });

  it('lets the main clause outweigh a concession and the clause after "but"', () => {
    expect(engine.analyze('Despite the scare, orders remain sold out').label).toBe('positive');
    expect(engine.analyze('Revenue grew, but margins collapsed').label).toBe('negative');
    expect(engine.analyze('Margins shrank, but revenue jumped to a record').label).toBe('positive');
  });

  it('scales with intensifiers and hedges', () => {
    expect(engine.analyze('Profit fell sharply').score).toBeLessThan(engine.analyze('Profit fell slightly').score);
    expect(Math.abs(engine.analyze('Profit may fall').score)).toBeLessThan(Math.abs(engine.analyze('Profit fell').score));
  });

  it('keeps neutral reporting neutral', () => {
    for (const text of [
      'Nvidia to report fourth-quarter earnings on February 26',
      'Microsoft adds model to its Azure catalogue',
      'The company will hold its annual general meeting in April',
      'Apple announces date of its quarterly results',
    ]) {
      expect([text, engine.analyze(text).label]).toEqual([text, 'neutral']);
    }
  });
});

describe('SentimentEngine: targets', () => {
  it('scores each company from the clauses about it', () => {
    const a = engine.analyze('Apple climbs while Nvidia slumps');
    expect(target(a, 'AAPL').label).toBe('positive');
    expect(target(a, 'NVDA').label).toBe('negative');
  });

  it('gives a text that names one company (or one topic and its tickers) the text\'s own score', () => {
    const kw = new SentimentEngine({ keywords: [{ term: 'DeepSeek', symbols: ['NVDA', 'AVGO'] }] });
    for (const text of ['Nvidia shares plunge 17% after weak guidance', 'Despite the scare, Apple sales rose; AAPL may fall?', 'DeepSeek wipes $600bn off chip stocks', 'Tesla']) {
      const a = kw.analyze(text);
      expect(a.targets.length).toBeGreaterThan(0);
      for (const t of a.targets) expect(t.score).toBe(a.score);
    }
  });

  it('splits at "but" and at commas between companies', () => {
    const a = engine.analyze('Tesla rallied 6%, but Ford tumbled after the recall');
    expect(target(a, 'TSLA').label).toBe('positive');
    expect(target(a, 'F').label).toBe('negative');
  });

  it('shares one verb between coordinated companies', () => {
    const a = engine.analyze('Microsoft and Alphabet shares surge on cloud growth');
    expect(target(a, 'MSFT').label).toBe('positive');
    expect(target(a, 'GOOGL').label).toBe('positive');
  });

  it('does not link trap words', () => {
    for (const text of ['Apple pie prices rise', 'A meta-analysis of trials', 'Buffett, the Oracle of Omaha, spoke', 'Net income rose', 'The Fed holds', 'It is an arm of the company']) {
      expect([text, engine.analyze(text).targets.filter((t) => t.type === 'ticker')]).toEqual([text, []]);
    }
    expect(engine.analyze('Ford recalls trucks').targets.map((t) => t.symbol)).toEqual(['F']);
  });

  it('counts a linked keyword for its tickers, below a direct mention', () => {
    const a = engine.analyze('DeepSeek model rattles chip stocks as investors dump AI names');
    const kw = target(a, 'DeepSeek');
    const avgo = target(a, 'AVGO');
    expect(kw.type).toBe('keyword');
    expect(avgo.viaKeyword).toBe('DeepSeek');
    expect(avgo.relevance).toBeLessThan(kw.relevance);
    expect(avgo.label).toBe('negative');
    const direct = engine.analyze('Nvidia slumps as DeepSeek rattles chip stocks');
    expect(target(direct, 'NVDA').viaKeyword).toBeUndefined();
    expect(target(direct, 'NVDA').relevance).toBeGreaterThan(target(direct, 'AVGO').relevance);
  });

  it('ranks the headline subject above a passing mention', () => {
    const a = engine.analyze('The retailer reported weak sales, adding that it buys chips from Intel and others.', {
      title: 'Walmart warns on holiday quarter',
    });
    expect(target(a, 'WMT').relevance).toBeGreaterThan(target(a, 'INTC').relevance);
    expect(target(a, 'WMT').relevance).toBeGreaterThanOrEqual(0.9);
  });

  it('scores the given targets, by symbol or by name, even outside the directory', () => {
    const a = engine.analyze('Lidl posts record sales while TSCO.L slips after a profit warning', { targets: ['Lidl', 'TSCO.L', 'nvidia'] });
    expect(a.targets.map((t) => t.symbol)).toEqual(['Lidl', 'TSCO.L', 'NVDA']);
    expect(target(a, 'Lidl').label).toBe('positive');
    expect(target(a, 'TSCO.L').label).toBe('negative');
    expect(target(a, 'NVDA').relevance).toBeLessThan(0.5);
  });

  it('extends the directory with the watchlist', () => {
    const e = new SentimentEngine({ tickers: [{ symbol: 'ACME', name: 'Acme Rockets' }], keywords: [{ term: 'rocket fuel', symbols: ['ACME'] }] });
    expect(e.analyze('Acme Rockets shares soar after launch').targets.map((t) => t.symbol)).toEqual(['ACME']);
    e.setWatchlist([], [{ term: 'solid-state batteries', aliases: ['solid state battery'], symbols: ['TSLA', 'TM'] }]);
    const a = e.analyze('A breakthrough in solid state battery chemistry lifts carmakers');
    expect(a.targets.map((t) => [t.symbol, t.viaKeyword ?? null])).toEqual([
      ['solid-state batteries', null],
      ['TSLA', 'solid-state batteries'],
      ['TM', 'solid-state batteries'],
    ]);
    expect(e.analyze('Acme Rockets shares soar').targets).toEqual([]);
  });
});

describe('SentimentEngine: result shape and bad input', () => {
  it('stores the model version, thresholds and both label scales', () => {
    const a = engine.analyze('Shares soar to a record high');
    expect(a.modelVersion).toBe(MODEL_VERSION);
    expect(a.thresholds.positive).toBeGreaterThan(0);
    expect(a.thresholds.negative).toBeLessThan(0);
    expect(a.label).toBe('positive');
    expect(['bullish', 'somewhat-bullish']).toContain(a.label5);
    expect(a.score).toBeGreaterThanOrEqual(-1);
    expect(a.score).toBeLessThanOrEqual(1);
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['punctuation only', '!!! ??? ...'],
    ['emoji only', '😀🎉🙈'],
  ])('returns neutral with a reason for %s text', (_name, text) => {
    const a = engine.analyze(text);
    expect(a).toMatchObject({ label: 'neutral', label5: 'neutral', score: 0, targets: [] });
    expect(a.reason).toEqual(expect.any(String));
  });

  it('survives a megabyte, binary garbage, other scripts and HTML', () => {
    const big = engine.analyze('Nvidia shares fell. '.repeat(60_000));
    expect(big.reason).toMatch(/truncated/);
    expect(big.label).toBe('negative');
    const garbage = String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65536));
    expect(['positive', 'negative', 'neutral']).toContain(engine.analyze(garbage).label);
    expect(engine.analyze('英伟达股价下跌 17%').label).toEqual(expect.any(String));
    const html = engine.analyze('<p>Apple <b>shares</b> jump&nbsp;8% <script>alert("x fell")</script></p>');
    expect(html.label).toBe('positive');
    expect(html.targets.map((t) => t.symbol)).toEqual(['AAPL']);
    expect(engine.analyze('📈 $TSLA to the moon 🚀').label).toBe('positive');
    expect(engine.analyze(undefined as unknown as string).reason).toEqual(expect.any(String));
  });

  it('truncates at the documented limit', () => {
    const tail = ' Shares collapsed.';
    const text = 'x '.repeat(MAX_TEXT_CHARS) + tail;
    expect(engine.analyze(text).reason).toMatch(/truncated/);
  });
});

describe('SentimentEngine: scratch memory', () => {
  // The scorer reuses module-level arrays between calls (tokens, lexicon entries, segments, the
  // whole-text range): a result must own everything it holds, or a later call would rewrite it.
  it('leaves earlier results as they were returned, whatever the calls after them', () => {
    const texts = [
      'Nvidia shares fell 9% in early trading',
      'FedEx and Adobe sign a deal; Apple and Nvidia rise while Intel cuts its full-year outlook',
      'DeepSeek wipes $600bn off Nvidia market value, Broadcom -17% and TSMC slides',
      '',
      'Costs were reduced by 12 percent',
      'Coca-Cola beats estimates, but the pre-tax loss widened; $NVDA $AMD $AVGO all down',
      'Net sales totalled EUR 21.1 mn compared with EUR 18.6 mn a year earlier',
      'Microsoft is not expected to cut guidance, analysts say. '.repeat(40),
    ];
    const kept = texts.map((t) => engine.analyze(t));
    const asReturned = kept.map((a) => JSON.stringify(a));
    // More calls, longer and shorter, with titles and requested targets, then the same texts again.
    for (const t of [...texts].reverse()) engine.analyze(t.split(' ').reverse().join(' '), { title: 'Broadcom and Nvidia tumble' });
    engine.analyze('Apple, Amazon, Alphabet, Meta and Tesla rally; Nvidia and AMD slip', { targets: ['NVDA', 'AMD', 'AAPL'] });
    expect(kept.map((a) => JSON.stringify(a))).toEqual(asReturned);
    expect(texts.map((t) => JSON.stringify(engine.analyze(t)))).toEqual(asReturned);
  });
});
