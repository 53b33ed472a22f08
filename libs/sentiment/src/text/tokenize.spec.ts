import { CASE_NONE, CASE_TITLE, CASE_UPPER, KIND_NUM, KIND_PUNCT, KIND_WORD, NOT_A_NUMBER, parseDigits, tokenize } from './tokenize';
import { hashString } from './string-table';

const KIND_NAMES = ['Word', 'Num', 'Punct', 'Cashtag'];
const view = (s: string) => tokenize(s).map((t) => [KIND_NAMES[t.kind], t.text]);

describe('tokenize', () => {
  it('splits words, numbers and punctuation and keeps case', () => {
    const t = tokenize('Nvidia shares fell 17.5% to $118.42, NASDAQ: NVDA.');
    expect(t.map((x) => x.text)).toEqual(['Nvidia', 'shares', 'fell', '17.5%', 'to', '$', '118.42', ',', 'NASDAQ', ':', 'NVDA', '.']);
    expect(t[0].case).toBe(CASE_TITLE);
    expect(t[8].case).toBe(CASE_UPPER);
    expect(t[3]).toMatchObject({ kind: KIND_NUM, num: { value: 17.5, pct: true, signed: false } });
    expect(t[6]).toMatchObject({ kind: KIND_NUM, num: { value: 118.42, money: true } });
  });

  it('reads signed moves, also inside parentheses, and scales', () => {
    const t = tokenize('Broadcom -17% (+2.5% pre) wipes $600bn, −3pct');
    expect(t.filter((x) => x.kind === KIND_NUM).map((x) => [x.num.value, x.num.signed, x.num.pct, x.num.money])).toEqual([
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

  it('looks back at the previous token: signs after brackets, no number glued to a word, the possessive', () => {
    expect(view("(-5%) [+3%] x-5 Q3 Apple's $7")).toEqual([
      ['Punct', '('],
      ['Num', '-5%'],
      ['Punct', ')'],
      ['Punct', '['],
      ['Num', '+3%'],
      ['Punct', ']'],
      ['Word', 'x'],
      ['Punct', '-'],
      ['Num', '5'],
      ['Word', 'Q3'],
      ['Word', 'Apple'],
      ['Punct', "'s"],
      ['Punct', '$'],
      ['Num', '7'],
    ]);
    const t = tokenize('(−17%) $7 x-5');
    expect(t.filter((x) => x.kind === KIND_NUM).map((x) => [x.num.value, x.num.signed, x.num.money])).toEqual([
      [-17, true, false],
      [7, false, true],
      [5, false, false],
    ]);
  });

  it('skips URLs but keeps words that start like them', () => {
    expect(view('http://a.b/c https://x www.y.com hot wheels what www')).toEqual([
      ['Word', 'hot'],
      ['Word', 'wheels'],
      ['Word', 'what'],
      ['Word', 'www'],
    ]);
  });

  it('gives numbers their own number info and every other token the shared NOT_A_NUMBER', () => {
    const t = tokenize('Apple +5% to $3bn, 7 cuts');
    for (const x of t) expect(x.num === NOT_A_NUMBER).toBe(x.kind !== KIND_NUM);
    expect(t.filter((x) => x.kind === KIND_NUM).map((x) => x.num)).toEqual([
      { value: 5, signed: true, pct: true, money: false },
      { value: 3, signed: false, pct: false, money: true },
      { value: 7, signed: false, pct: false, money: false },
    ]);
    expect(NOT_A_NUMBER).toEqual({ value: Number.NaN, signed: false, pct: false, money: false });
  });

  it('hashes the lower-case form the same way everywhere', () => {
    for (const t of tokenize('Ünïcode NVIDIA Shares 3M $TSLA déjà-vu')) expect(t.hash).toBe(hashString(t.lower));
  });

  it('keeps punctuation as its own lower-case form, hashed the same way', () => {
    const t = tokenize('a, b: (c)! d? e; f—g … “h” & i | $ € <');
    const punct = t.filter((x) => x.kind === KIND_PUNCT);
    expect(punct.map((x) => x.text)).toEqual([',', ':', '(', ')', '!', '?', ';', '—', '…', '“', '”', '&', '|', '$', '€', '<']);
    for (const x of punct) {
      expect(x.lower).toBe(x.text.toLowerCase());
      expect(x.hash).toBe(hashString(x.lower));
      expect(x.case).toBe(CASE_NONE);
    }
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
    expect(tokenize('英伟达 股价 下跌').map((t) => t.kind)).toEqual([KIND_WORD, KIND_WORD, KIND_WORD]);
    expect(tokenize('a '.repeat(50_000)).length).toBeLessThanOrEqual(6000);
  });
});

describe('parseDigits', () => {
  const reference = (x: string) => Number.parseFloat(x.replace(/,/g, ''));
  const same = (x: string) => expect([x, Object.is(parseDigits(x, 0, x.length), reference(x))]).toEqual([x, true]);

  it('reads integers, decimals, thousands separators and stops at a second dot like parseFloat', () => {
    for (const x of ['0', '7', '007', '1,234', '1,234,567.89', '12.5', '0.1', '0.3', '118.42', '1.2.3', '1.2,3', '3.14159', '2024', '600']) same(x);
  });

  it('falls back to parseFloat for long numbers and matches it on random digit strings', () => {
    for (const x of ['12345678901234567890', '0.12345678901234567890123', '9007199254740993', '1.' + '0'.repeat(30) + '1']) same(x);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let n = 0; n < 20000; n++) {
      let x = String(next() % 10);
      const len = next() % 24;
      for (let k = 0; k < len; k++) {
        const r = next() % 12;
        x += r === 10 ? ',' : r === 11 ? '.' : String(r);
        if (r >= 10) x += String(next() % 10); // the tokenizer only takes `,` and `.` before a digit
      }
      same(x);
    }
  });

  it('is what the tokenizer stores as a number value', () => {
    expect(tokenize('EPS 0.3 vs 1,234.56 and 1.2.3').filter((t) => t.kind === KIND_NUM).map((t) => t.num.value)).toEqual([0.3, 1234.56, 1.2]);
  });
});
