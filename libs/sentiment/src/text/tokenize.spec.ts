import { Case, Kind, tokenize } from './tokenize';
import { hashString } from './string-table';

const view = (s: string) => tokenize(s).map((t) => [Kind[t.kind], t.text]);

describe('tokenize', () => {
  it('splits words, numbers and punctuation and keeps case', () => {
    const t = tokenize('Nvidia shares fell 17.5% to $118.42, NASDAQ: NVDA.');
    expect(t.map((x) => x.text)).toEqual(['Nvidia', 'shares', 'fell', '17.5%', 'to', '$', '118.42', ',', 'NASDAQ', ':', 'NVDA', '.']);
    expect(t[0].case).toBe(Case.Title);
    expect(t[8].case).toBe(Case.Upper);
    expect(t[3]).toMatchObject({ kind: Kind.Num, value: 17.5, pct: true, signed: false });
    expect(t[6]).toMatchObject({ kind: Kind.Num, value: 118.42, money: true });
  });

  it('reads signed moves, also inside parentheses, and scales', () => {
    const t = tokenize('Broadcom -17% (+2.5% pre) wipes $600bn, −3pct');
    expect(t.filter((x) => x.kind === Kind.Num).map((x) => [x.value, x.signed, x.pct, x.money])).toEqual([
      [-17, true, true, false],
      [2.5, true, true, false],
      [600, false, false, true],
      [-3, true, true, false],
    ]);
  });

  it('makes cashtags, keeps share classes, and leaves dollar amounts alone', () => {
    expect(view('$nvda $BRK.B $5')).toEqual([
      ['Cashtag', 'NVDA'],
      ['Cashtag', 'BRK.B'],
      ['Punct', '$'],
      ['Num', '5'],
    ]);
  });

  it('splits the possessive, keeps contractions and abbreviations, skips URLs', () => {
    expect(view("Apple's U.S. sales didn't fall https://t.co/x1 www.example.com")).toEqual([
      ['Word', 'Apple'],
      ['Punct', "'s"],
      ['Word', 'U.S.'],
      ['Word', 'sales'],
      ['Word', "didn't"],
      ['Word', 'fall'],
    ]);
  });

  it('keeps market emoji as words and drops the others', () => {
    expect(view('up 📈 😀 🚀')).toEqual([
      ['Word', 'up'],
      ['Word', '📈'],
      ['Word', '🚀'],
    ]);
  });

  it('hashes the lower-case form the same way everywhere', () => {
    for (const t of tokenize('Ünïcode NVIDIA Shares 3M $TSLA déjà-vu')) expect(t.hash).toBe(hashString(t.lower));
  });

  it('reads control characters and lone surrogates as spaces', () => {
    expect(view('a\u0000b\u0007c\ud800d\udc00e')).toEqual([
      ['Word', 'a'],
      ['Word', 'b'],
      ['Word', 'c'],
      ['Word', 'd'],
      ['Word', 'e'],
    ]);
  });

  it('handles other scripts and stays bounded on long input', () => {
    expect(tokenize('英伟达 股价 下跌').map((t) => t.kind)).toEqual([Kind.Word, Kind.Word, Kind.Word]);
    expect(tokenize('a '.repeat(50_000)).length).toBeLessThanOrEqual(6000);
  });
});
