import { CASE_NONE, CASE_TITLE, CASE_UPPER, CODE_POSSESSIVE, hashedWord, KIND_NUM, KIND_PUNCT, KIND_WORD, NUM_MONEY, NUM_PCT, NUM_SIGNED, parseDigits, tokenize, TokenStore } from './tokenize';
import { hashString, wordTable } from './string-table';

const KIND_NAMES = ['Word', 'Num', 'Punct', 'Cashtag'];

/** The tokens of `s` as objects, for readable expectations. */
function tokens(s: string) {
  const t = tokenize(s);
  return Array.from({ length: t.length }, (_, i) => ({
    kind: t.kind[i],
    text: t.text(i),
    lower: t.lower(i),
    hash: t.hash[i],
    case: t.cas[i],
    num: t.kind[i] === KIND_NUM ? { value: t.value[i], signed: (t.numFlags[i] & NUM_SIGNED) !== 0, pct: (t.numFlags[i] & NUM_PCT) !== 0, money: (t.numFlags[i] & NUM_MONEY) !== 0 } : undefined,
  }));
}

const view = (s: string) => tokens(s).map((t) => [KIND_NAMES[t.kind], t.text]);

describe('tokenize', () => {
  it('splits words, numbers and punctuation and keeps case', () => {
    const t = tokens('Nvidia shares fell 17.5% to $118.42, NASDAQ: NVDA.');
    expect(t.map((x) => x.text)).toEqual(['Nvidia', 'shares', 'fell', '17.5%', 'to', '$', '118.42', ',', 'NASDAQ', ':', 'NVDA', '.']);
    expect(t[0].case).toBe(CASE_TITLE);
    expect(t[8].case).toBe(CASE_UPPER);
    expect(t[3]).toMatchObject({ kind: KIND_NUM, num: { value: 17.5, pct: true, signed: false } });
    expect(t[6]).toMatchObject({ kind: KIND_NUM, num: { value: 118.42, money: true } });
  });

  it('reads signed moves, also inside parentheses, and scales', () => {
    const t = tokens('Broadcom -17% (+2.5% pre) wipes $600bn, −3pct');
    expect(t.filter((x) => x.kind === KIND_NUM).map((x) => [x.num!.value, x.num!.signed, x.num!.pct, x.num!.money])).toEqual([
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
    const t = tokens('(−17%) $7 x-5');
    expect(t.filter((x) => x.kind === KIND_NUM).map((x) => [x.num!.value, x.num!.signed, x.num!.money])).toEqual([
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

  it('gives numbers their value and flags, and every other token no flags', () => {
    const t = tokenize('Apple +5% to $3bn, 7 cuts');
    for (let i = 0; i < t.length; i++) if (t.kind[i] !== KIND_NUM) expect(t.numFlags[i]).toBe(0);
    expect(tokens('Apple +5% to $3bn, 7 cuts').filter((x) => x.kind === KIND_NUM).map((x) => x.num)).toEqual([
      { value: 5, signed: true, pct: true, money: false },
      { value: 3, signed: false, pct: false, money: true },
      { value: 7, signed: false, pct: false, money: false },
    ]);
  });

  it('hashes the lower-case form the same way everywhere', () => {
    for (const t of tokens('Ünïcode NVIDIA Shares 3M $TSLA déjà-vu')) expect(t.hash).toBe(hashString(t.lower));
  });

  it('keeps punctuation as its own lower-case form, hashed the same way', () => {
    const t = tokens('a, b: (c)! d? e; f—g … “h” & i | $ € <');
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
    expect(tokens('英伟达 股价 下跌').map((t) => t.kind)).toEqual([KIND_WORD, KIND_WORD, KIND_WORD]);
    expect(tokenize('a '.repeat(50_000)).length).toBeLessThanOrEqual(6000);
  });
});

describe('TokenStore', () => {
  const MIXED = "Nvidia's U.S. sales didn’t fall; NESTLÉ Ⅰ déjà-vu 3M $brk.b −17% 5K 600bn İstanbul ΣΑΣ 📈 x's";

  it('compares lower-case forms in place, plain or not, and agrees with the strings it makes', () => {
    const t = tokenize(MIXED);
    for (let i = 0; i < t.length; i++) {
      const lower = t.lower(i);
      expect(t.is(i, lower)).toBe(true);
      expect(t.is(i, lower + 'x')).toBe(false);
      expect(t.is(i, 'x' + lower, 1)).toBe(true);
      expect(t.hash[i]).toBe(hashString(lower));
      expect(t.lowerLength(i)).toBe(lower.length);
      expect(t.textLength(i)).toBe(t.text(i).length);
    }
    expect(t.is(0, 'nvidia')).toBe(true);
    expect(t.is(0, 'Nvidia')).toBe(false);
    expect(t.code[1]).toBe(CODE_POSSESSIVE);
    expect(t.is(1, "'s")).toBe(true);
  });

  it('is looked up in string tables by token, plain or not', () => {
    const table = wordTable(['nvidia', 'über', "'s", '$', 'brk.b', 'u.s.', 'up']);
    const t = tokenize("NVIDIA's Über $ $BRK.B U.S. Up upper");
    const found = Array.from({ length: t.length }, (_, i) => table.getToken(t, i) === true);
    expect(found).toEqual([true, true, true, true, true, true, true, false]);
    expect(t.isWord(6, hashedWord('up'))).toBe(true);
    expect(t.isWord(7, hashedWord('up'))).toBe(false);
  });

  it('tells numbers written with capitals', () => {
    const t = tokenize('3M 3m 5%');
    expect([0, 1, 2].map((i) => t.hasCapitals(i))).toEqual([true, false, false]);
  });

  it('appends parts and separators with their own ranges, and grows', () => {
    const t = new TokenStore(2).reset();
    expect(t.append('Apple rises')).toBe(2);
    t.appendPunct('|');
    expect(t.append('Nvidia FALLS 5%')).toBe(3);
    expect(Array.from({ length: t.length }, (_, i) => t.text(i))).toEqual(['Apple', 'rises', '|', 'Nvidia', 'FALLS', '5%']);
    expect(t.space[2]).toBe(1);
    expect(t.is(4, 'falls')).toBe(true);
    expect(t.value[5]).toBe(5);
    t.appendPunct('|');
    expect(t.append('  ')).toBe(0);
    t.pop();
    expect(t.length).toBe(6);
    expect(t.reset().length).toBe(0);
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
    expect(tokens('EPS 0.3 vs 1,234.56 and 1.2.3').filter((t) => t.kind === KIND_NUM).map((t) => t.num!.value)).toEqual([0.3, 1234.56, 1.2]);
  });
});
