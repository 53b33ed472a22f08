import { loadDailyBars, loadHeadlines, parseDailyBars, parseHeadlines, type DailyBar } from './replay-data';

const headlines = loadHeadlines();
const daily = loadDailyBars();

const SYMBOLS = ['NVDA', 'AVGO', 'TSM', 'ASML', 'AMD', 'MSFT', 'META', 'GOOGL', 'ORCL', 'QQQ'];
const TRADING_DAYS = ['13', '14', '15', '16', '17', '21', '22', '23', '24', '27', '28', '29', '30', '31'].map((d) => `2025-01-${d}`);

const text = (h: { title: string; summary: string }) => `${h.title} ${h.summary}`;
const day = (d: Date) => d.toISOString().slice(0, 10);
const mentions = (re: RegExp) => {
  const perDay = new Map<string, number>();
  for (const h of headlines) if (re.test(text(h))) perDay.set(day(h.publishedAt), (perDay.get(day(h.publishedAt)) ?? 0) + 1);
  return (d: string) => perDay.get(d) ?? 0;
};
const bar = (symbol: string, date: string): DailyBar => {
  const b = daily.find((x) => x.symbol === symbol && x.date === date);
  if (!b) throw new Error(`no bar ${symbol} ${date}`);
  return b;
};
const change = (symbol: string, fromDate: string, toDate: string) => (bar(symbol, toDate).close / bar(symbol, fromDate).close - 1) * 100;

describe('replay headlines', () => {
  it('has 300–400 well-formed headlines over 13–31 January from at least six sources', () => {
    expect(headlines.length).toBeGreaterThanOrEqual(300);
    expect(headlines.length).toBeLessThanOrEqual(400);
    expect(new Set(headlines.map((h) => h.id)).size).toBe(headlines.length);
    expect(new Set(headlines.map((h) => h.url)).size).toBe(headlines.length);
    expect(new Set(headlines.map((h) => h.source)).size).toBeGreaterThanOrEqual(6);
    const feeds = new Set(headlines.map((h) => h.feed));
    expect(feeds.size).toBeGreaterThanOrEqual(6);
    for (const h of headlines) {
      expect(h.publishedAt.getTime()).toBeGreaterThanOrEqual(Date.parse('2025-01-13T00:00:00Z'));
      expect(h.publishedAt.getTime()).toBeLessThan(Date.parse('2025-02-01T00:00:00Z'));
      expect(h.title.length).toBeLessThan(200);
      expect(h.summary.length).toBeGreaterThan(20);
      expect(new URL(h.url).pathname.length).toBeGreaterThan(1);
    }
    // Each feed is one outlet.
    for (const f of feeds) expect(new Set(headlines.filter((h) => h.feed === f).map((h) => h.source)).size).toBe(1);
  });

  it('puts more news in US market hours than overnight on weekdays', () => {
    const weekday = headlines.filter((h) => h.publishedAt.getUTCDay() >= 1 && h.publishedAt.getUTCDay() <= 5);
    const minute = (h: { publishedAt: Date }) => h.publishedAt.getUTCHours() * 60 + h.publishedAt.getUTCMinutes();
    const session = weekday.filter((h) => minute(h) >= 14 * 60 + 30 && minute(h) < 21 * 60).length;
    const night = weekday.filter((h) => minute(h) >= 1 * 60 && minute(h) < 7 * 60 + 30).length;
    // The session is 6.5 hours, the night window 6.5 hours too.
    expect(session).toBeGreaterThan(2 * night);
  });

  it('builds DeepSeek coverage from the R1 release to a peak on Monday 27 January', () => {
    const ds = mentions(/deepseek/i);
    const before = ['20', '21', '22', '23', '24'].map((d) => ds(`2025-01-${d}`));
    const surge = ['25', '26', '27'].map((d) => ds(`2025-01-${d}`));
    expect(['13', '14', '15', '16', '17'].map((d) => ds(`2025-01-${d}`))).toEqual([0, 0, 0, 0, 0]);
    expect(before.every((n) => n >= 1)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(surge)).toBeGreaterThan(4 * mean(before));
    expect(surge[0]).toBeGreaterThan(Math.max(...before));
    expect(surge[1]).toBeGreaterThan(surge[0]);
    expect(surge[2]).toBeGreaterThan(surge[1]);
    expect(ds('2025-01-28')).toBeLessThan(surge[2]);
    // The spike is there before Monday's open (14:30 UTC).
    const preOpen = headlines.filter(
      (h) => /deepseek/i.test(text(h)) && h.publishedAt >= new Date('2025-01-25T00:00:00Z') && h.publishedAt < new Date('2025-01-27T14:30:00Z'),
    );
    expect(preOpen.length).toBeGreaterThan(5 * mean(before));
  });

  it('tells the week in order: R1, Stargate, Meta capex, App Store No. 1, the sell-off, the rebound', () => {
    const first = (re: RegExp) => headlines.find((h) => re.test(h.title))?.publishedAt.toISOString().slice(0, 10);
    expect(first(/DeepSeek releases R1/)).toBe('2025-01-20');
    expect(first(/Stargate/)).toBe('2025-01-21');
    expect(first(/Meta will spend \$60 billion/)).toBe('2025-01-24');
    expect(first(/DeepSeek overtakes ChatGPT as top free app/)).toBe('2025-01-26');
    expect(first(/Nvidia opens down 12%/)).toBe('2025-01-27');
    expect(first(/Nvidia rebounds/)).toBe('2025-01-28');
    // Nvidia coverage peaks on the day of the sell-off; calmer names are covered far less that day.
    const nvda = mentions(/\bnvidia\b/i);
    const alphabet = mentions(/\b(alphabet|google)\b/i);
    expect(nvda('2025-01-27')).toBe(Math.max(...TRADING_DAYS.map(nvda)));
    expect(nvda('2025-01-27')).toBeGreaterThan(5 * alphabet('2025-01-27'));
  });

  it('contains duplicate stories across sources and one markup-laden title', () => {
    const byTitle = new Map<string, Set<string>>();
    for (const h of headlines) byTitle.set(h.title, (byTitle.get(h.title) ?? new Set()).add(h.feed));
    expect([...byTitle.values()].filter((feeds) => feeds.size >= 2).length).toBeGreaterThanOrEqual(1);
    const recordLoss = headlines.filter((h) => h.publishedAt.toISOString().startsWith('2025-01-27') && /\$589 billion|\$600 billion/.test(h.title));
    expect(new Set(recordLoss.map((h) => h.source)).size).toBeGreaterThanOrEqual(3);
    const markup = headlines.filter((h) => /<script>alert\(1\)<\/script>/.test(h.title) && /<img src=x onerror=alert\(1\)>/.test(h.title));
    expect(markup).toHaveLength(1);
  });
});

describe('replay daily prices', () => {
  it('covers every trading day from 13 to 31 January for all ten symbols, without the MLK holiday', () => {
    for (const s of SYMBOLS) expect(daily.filter((b) => b.symbol === s).map((b) => b.date)).toEqual(TRADING_DAYS);
    expect(daily).toHaveLength(SYMBOLS.length * TRADING_DAYS.length);
  });

  it('shows the Monday sell-off and the Tuesday rebound', () => {
    const monday = (s: string) => change(s, '2025-01-24', '2025-01-27');
    expect(monday('NVDA')).toBeGreaterThanOrEqual(-17.0);
    expect(monday('NVDA')).toBeLessThanOrEqual(-16.9);
    expect(monday('AVGO')).toBeCloseTo(-17.4, 1);
    expect(monday('TSM')).toBeCloseTo(-13.3, 0);
    expect(monday('ORCL')).toBeCloseTo(-13.8, 0);
    expect(monday('ASML')).toBeCloseTo(-7, 0);
    expect(monday('QQQ')).toBeCloseTo(-2.9, 1);
    expect(monday('META')).toBeGreaterThan(0);
    // NVDA gapped down about 12.5% at Monday's open.
    expect((bar('NVDA', '2025-01-27').open / bar('NVDA', '2025-01-24').close - 1) * 100).toBeCloseTo(-12.5, 0);
    expect(change('NVDA', '2025-01-27', '2025-01-28')).toBeCloseTo(8.9, 1);
    expect(change('TSM', '2025-01-27', '2025-01-28')).toBeGreaterThan(4);
  });
});

describe('replay data parsers', () => {
  const good = '{"id":"a","source":"S","publishedAt":"2025-01-27T10:00:00Z","title":"T","summary":"S","url":"https://x.example/a","feed":"wire"}';

  it('name the line of a bad headline', () => {
    expect(parseHeadlines(good)).toHaveLength(1);
    expect(() => parseHeadlines(`${good}\n{"id":"b"}`)).toThrow(/:2: "publishedAt" must be a non-empty string/);
    expect(() => parseHeadlines(`${good}\n${good}`)).toThrow(/:2: duplicate id a/);
    expect(() => parseHeadlines(good.replace('10:00:00Z', '10:00:00+01:00'))).toThrow(/publishedAt must be ISO-8601 UTC/);
    expect(() => parseHeadlines(good.replace('https://', 'http://'))).toThrow(/url must be https/);
    expect(() => parseHeadlines(good.replace('"wire"', '"../etc"'))).toThrow(/feed/);
    expect(() => parseHeadlines('not json')).toThrow(/:1: not JSON/);
  });

  it('reject inconsistent bars', () => {
    const header = 'symbol,date,open,high,low,close,volume\n';
    expect(parseDailyBars(`${header}NVDA,2025-01-27,124.80,128.40,116.70,118.42,818830900\n`)).toEqual([
      { symbol: 'NVDA', date: '2025-01-27', open: 124.8, high: 128.4, low: 116.7, close: 118.42, volume: 818830900 },
    ]);
    expect(() => parseDailyBars(`${header}NVDA,2025-01-27,124.80,120.00,116.70,118.42,1\n`)).toThrow(/:2: inconsistent OHLC/);
    expect(() => parseDailyBars(`${header}NVDA,2025-01-27,1,1,1,x,1\n`)).toThrow(/non-numeric/);
    expect(() => parseDailyBars('date,symbol\n')).toThrow(/header/);
  });
});
