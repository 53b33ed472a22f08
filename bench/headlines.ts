/**
 * Realistic market headlines from templates (company names × verbs × numbers), deterministic
 * for a seed. Not the shared labelled data: the benchmark must not depend on it.
 */

/** Companies of the default watchlist (what Seismo links and evaluates signals for). */
export const WATCHED = [
  { name: 'Nvidia', symbol: 'NVDA' },
  { name: 'Broadcom', symbol: 'AVGO' },
  { name: 'TSMC', symbol: 'TSM' },
  { name: 'ASML', symbol: 'ASML' },
  { name: 'AMD', symbol: 'AMD' },
  { name: 'Microsoft', symbol: 'MSFT' },
  { name: 'Meta', symbol: 'META' },
  { name: 'Alphabet', symbol: 'GOOGL' },
  { name: 'Oracle', symbol: 'ORCL' },
  { name: 'Apple', symbol: 'AAPL' },
  { name: 'Amazon', symbol: 'AMZN' },
];

/** Other listed companies the built-in directory knows, and a few it does not. */
const OTHERS = [
  'Ford', 'Pfizer', 'Boeing', 'Intel', 'Netflix', 'Tesla', 'JPMorgan', 'Exxon Mobil', 'Walmart', 'Disney',
  'Starbucks', 'Nike', 'Visa', 'Coca-Cola', 'Goldman Sachs', 'Chevron', 'Caterpillar', 'Qualcomm', 'Micron',
  'Salesforce', 'Adobe', 'Costco', 'UnitedHealth', 'Delta Air Lines', 'Moderna', 'Target', 'FedEx', 'Uber',
  'Acme Robotics', 'Northwind Foods', 'Helios Energy', 'Bluewater Shipping',
];

const UP = ['rise', 'climb', 'jump', 'rally', 'surge', 'gain', 'edge up', 'soar'];
const DOWN = ['fall', 'slide', 'drop', 'sink', 'tumble', 'plunge', 'slump', 'edge down'];
const GOOD = ['strong iPhone demand', 'a record quarter', 'an upgrade from Morgan Stanley', 'a $10 billion buyback', 'upbeat guidance', 'a new AI partnership', 'higher margins'];
const BAD = ['a profit warning', 'an antitrust probe', 'a downgrade from Goldman Sachs', 'weak guidance', 'a product recall', 'export curbs on chips', 'a data breach', 'layoffs'];
const QUARTERS = ['first-quarter', 'second-quarter', 'third-quarter', 'fourth-quarter'];
const CITIES = ['Texas', 'Arizona', 'Ohio', 'Germany', 'Japan', 'India', 'Ireland'];

/** Small fast deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Headline {
  title: string;
  summary: string;
}

/** `count` headlines; about `watchedShare` of them name a watched company. */
export function headlines(count: number, seed = 1, watchedShare = 0.35): Headline[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const num = (lo: number, hi: number, dp = 1) => (lo + r() * (hi - lo)).toFixed(dp);
  const out: Headline[] = [];
  for (let i = 0; i < count; i++) {
    const co = r() < watchedShare ? pick(WATCHED).name : pick(OTHERS);
    const other = pick(OTHERS);
    let title: string;
    let summary: string;
    switch (Math.floor(r() * 8)) {
      case 0:
        title = `${co} shares ${pick(UP)} ${num(0.5, 12)}% after ${pick(GOOD)}`;
        summary = `${co} stock traded higher on ${pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} as investors cheered ${pick(GOOD)}.`;
        break;
      case 1:
        title = `${co} shares ${pick(DOWN)} ${num(0.5, 15)}% on ${pick(BAD)}`;
        summary = `Investors sold ${co} after ${pick(BAD)}; the stock is down ${num(1, 30)}% this year.`;
        break;
      case 2:
        title = `${co} ${pick(['beats', 'misses', 'tops', 'falls short of'])} ${pick(QUARTERS)} estimates with revenue of $${num(1, 90)} billion`;
        summary = `${co} reported earnings per share of $${num(0.1, 9, 2)} against a consensus of $${num(0.1, 9, 2)}.`;
        break;
      case 3:
        title = `${co} ${pick(['raises', 'cuts', 'reaffirms', 'withdraws'])} full-year guidance as ${pick(['demand slows', 'costs rise', 'orders pick up', 'margins improve'])}`;
        summary = `The company now expects sales of $${num(5, 400)} billion for the year.`;
        break;
      case 4:
        title = `Analysts ${pick(['raise', 'cut', 'lift', 'lower'])} ${co} price target to $${num(20, 900, 0)}`;
        summary = `${pick(['Morgan Stanley', 'Goldman Sachs', 'Jefferies', 'Bernstein'])} sees ${pick(['upside', 'downside', 'limited risk', 'pressure'])} for ${co} shares.`;
        break;
      case 5:
        title = `${co} to invest $${num(1, 50, 0)} billion in new plant in ${pick(CITIES)}`;
        summary = `The investment will create ${num(500, 9000, 0)} jobs, ${co} said in a statement.`;
        break;
      case 6:
        title = `${co} and ${other} sign ${pick(['supply', 'cloud', 'licensing', 'chip'])} deal worth $${num(0.2, 20)} billion`;
        summary = `${co} and ${other} did not disclose further terms.`;
        break;
      default:
        title = `${co} faces ${pick(['lawsuit', 'regulatory probe', 'strike', 'shareholder revolt'])} over ${pick(['pricing', 'safety', 'privacy', 'pay'])}, shares ${pick([...UP, ...DOWN])} ${num(0.2, 8)}%`;
        summary = `Regulators in ${pick(CITIES)} opened the case on ${pick(['Monday', 'Friday'])}; ${co} said it would cooperate.`;
    }
    out.push({ title, summary });
  }
  return out;
}

/** Strongly negative, highly relevant single-company headlines: what a `breaking` rule fires on. */
export function breakingHeadlines(seed = 7): Headline[] {
  const r = rng(seed);
  const events = [
    'plunge {n}% after accounting fraud allegations',
    'crash {n}% as CEO resigns amid bribery scandal',
    'collapse {n}% after guidance slashed and dividend suspended',
    'tumble {n}% as regulators ban flagship product',
    'sink {n}% after massive recall and lawsuit losses',
    'plummet {n}% as auditor quits citing fraud',
    'nosedive {n}% after bankruptcy warning',
    'slump {n}% on catastrophic earnings miss and layoffs',
    'crater {n}% after SEC charges executives with fraud',
    'plunge {n}% as lenders pull credit and default looms',
    'dive {n}% after disastrous outlook and mass layoffs',
    'tank {n}% as criminal investigation widens',
    'plunge {n}% after toxic leak kills workers',
    'collapse {n}% as losses balloon and ratings cut to junk',
    'sink {n}% after devastating cyberattack cripples operations',
    'tumble {n}% as whistleblower alleges massive fraud',
  ];
  const out: Headline[] = [];
  for (const e of events) {
    for (const c of WATCHED) {
      const n = (12 + r() * 20).toFixed(1);
      const title = `${c.name} shares ${e.replace('{n}', n)}`;
      out.push({ title, summary: `${c.name} stock ${e.split(' ')[0]}ed in heavy trading; analysts warned of deep losses for ${c.name}.` });
    }
  }
  // Interleave so consecutive trials name different companies and events.
  const shuffled = out.map((h) => ({ h, k: r() })).sort((a, b) => a.k - b.k).map((x) => x.h);
  return shuffled;
}
