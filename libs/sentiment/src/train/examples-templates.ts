/**
 * Generated training sentences from templates written for this project: a metric moving in a
 * direction, by an amount, in report and headline phrasing. The label follows finance logic (more
 * profit is good, more loss is bad). A fixed seed keeps the set reproducible.
 */

type L = 'p' | 'n' | 'o';

const GOOD = ['net sales', 'revenue', 'operating profit', 'net profit', 'EBITDA', 'earnings per share', 'order intake', 'operating margin', 'comparable sales', 'the order backlog', 'cash flow', 'profit before taxes'];
const BAD = ['the operating loss', 'the net loss', 'costs', 'net debt', 'the pre-tax loss', 'operating expenses'];
const UP = ['increased', 'rose', 'grew', 'climbed', 'improved', 'jumped', 'was up'];
const DOWN = ['decreased', 'fell', 'declined', 'dropped', 'was down', 'slumped', 'weakened'];
const UP_BAD = ['increased', 'rose', 'grew', 'widened', 'climbed'];
const DOWN_BAD = ['decreased', 'fell', 'narrowed', 'declined', 'was reduced'];
const UNITS = ['EUR', 'USD', 'SEK', 'GBP'];
const SCALES = ['mn', 'million', 'm', 'bn'];
const PERIODS = ['in the third quarter', 'in January-June', 'for the full year', 'in the fourth quarter', 'in 2024', 'for the period'];
const SUBJECTS = ['The company', 'The group', 'The bank', 'The retailer', 'The utility', 'The chipmaker', 'The insurer'];
const NEUTRAL = [
  '{S} will publish its results {P} on {D}.',
  '{S} reported {M} of {U} {A} {X} {P}.',
  '{M} was {U} {A} {X} {P}, representing {Q} % of net sales.',
  '{S} has {N} employees.',
  '{S} is listed on the stock exchange.',
  'The contract covers the period {P}.',
  '{S} will present at an investor conference {P}.',
  '{S} said the figures include one-off items of {U} {A} {X}.',
  'The figures for {P} are not comparable with the previous year.',
  '{S} to report earnings on {D}',
  '{S} announces date of quarterly results',
  '{S} declares regular quarterly dividend',
];
const DATES = ['28 April', 'Thursday', '5 February', 'July 24', 'next week', 'October 30'];

/** Deterministic LCG so the generated set is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function templateExamples(count = 600, seed = 20250127): [string, L][] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const amount = () => (1 + r() * 300).toFixed(1);
  const pct = () => (1 + r() * 40).toFixed(1);
  const out: [string, L][] = [];
  for (let i = 0; i < count; i++) {
    const kind = r();
    const unit = pick(UNITS);
    const scale = pick(SCALES);
    if (kind < 0.3) {
      const up = r() < 0.5;
      const verb = pick(up ? UP : DOWN);
      const m = pick(GOOD);
      const tail = r() < 0.5 ? ` by ${pct()} %` : ` to ${unit} ${amount()} ${scale} from ${unit} ${amount()} ${scale}`;
      out.push([`${cap(m)} ${verb}${tail} ${pick(PERIODS)}.`, up ? 'p' : 'n']);
    } else if (kind < 0.45) {
      const up = r() < 0.5;
      const verb = pick(up ? UP_BAD : DOWN_BAD);
      const m = pick(BAD);
      out.push([`${cap(m)} ${verb} to ${unit} ${amount()} ${scale} ${pick(PERIODS)}.`, up ? 'n' : 'p']);
    } else if (kind < 0.55) {
      const up = r() < 0.5;
      const m = pick(GOOD);
      const a = Number(amount());
      const b = up ? (a * (0.5 + r() * 0.4)).toFixed(1) : (a * (1.1 + r())).toFixed(1);
      out.push([`${cap(m)} totalled ${unit} ${a} ${scale}, compared with ${unit} ${b} ${scale} a year earlier.`, up ? 'p' : 'n']);
    } else if (kind < 0.65) {
      const up = r() < 0.5;
      const s = pick(SUBJECTS).replace('The ', '');
      const sign = up ? '+' : '-';
      const phr = up ? pick(['shares rise', 'stock jumps', 'shares climb', 'stock rallies']) : pick(['shares fall', 'stock slides', 'shares sink', 'stock drops']);
      out.push([`${cap(s)} ${phr} ${sign}${pct()}% after results`, up ? 'p' : 'n']);
    } else {
      const t = pick(NEUTRAL)
        .replace('{S}', pick(SUBJECTS))
        .replace('{P}', pick(PERIODS))
        .replace('{D}', pick(DATES))
        .replace('{M}', pick(GOOD))
        .replace('{U}', unit)
        .replace('{A}', amount())
        .replace('{X}', scale)
        .replace('{Q}', pct())
        .replace('{N}', String(Math.floor(50 + r() * 5000)));
      out.push([cap(t), 'o']);
    }
  }
  return out;
}
