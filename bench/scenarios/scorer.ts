/** Scorer throughput on one core: SentimentEngine.analyze against the `sentiment` package (AFINN) on the same headlines. */
import { SentimentEngine } from '@seismo/sentiment';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { headlines, WATCHED } from '../headlines';
import { median, repeat, round } from '../support';
import type { BenchOptions } from '../types';

const require = createRequire(import.meta.url);
interface AfinnLib {
  analyze(text: string): { score: number };
}
const Sentiment = require('sentiment') as new () => AfinnLib;

// A full collection before each timed window, as benchmark harnesses do: the scenarios before
// this one (1,000 socket.io clients, BullMQ) leave garbage behind, and the major collection it
// costs would otherwise land in whichever window happens to run into it (measured: the scorer's
// rate after the raw scenarios went from 0.50 to 0.40 of AFINN's, and back with a collection first).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const DEFAULT_KEYWORDS = [
  { term: 'DeepSeek', symbols: ['NVDA', 'AVGO', 'TSM', 'ASML', 'AMD'] },
  { term: 'export controls', symbols: ['NVDA', 'AMD', 'ASML', 'TSM'] },
  { term: 'Stargate', symbols: ['ORCL', 'MSFT', 'NVDA'] },
];

/** How many texts each side scores before the other takes its turn (a few milliseconds each). */
const CHUNK = 250;

/**
 * Texts per second of `a` and of `b` over the same texts, timed in alternating chunks of `CHUNK`
 * texts until each has run for at least `minMs`. This machine's speed moves within a second (a
 * pair of back-to-back 1.5 s windows gave ratios from 0.33 to 0.70 in one phase); chunks a few
 * milliseconds long expose both to the same moments, so the ratio holds even when the rates move.
 */
function interleaved(texts: string[], a: (t: string) => { score: number }, b: (t: string) => { score: number }, minMs: number): { a: number; b: number } {
  let sink = 0;
  const time = { a: 0, b: 0 };
  const count = { a: 0, b: 0 };
  const run = (side: 'a' | 'b', from: number, to: number) => {
    const fn = side === 'a' ? a : b;
    const t = performance.now();
    for (let k = from; k < to; k++) sink += fn(texts[k]).score;
    time[side] += performance.now() - t;
    count[side] += to - from;
  };
  let i = 0;
  let turn = 0;
  while (time.a < minMs || time.b < minMs) {
    const end = Math.min(i + CHUNK, texts.length);
    // Each goes first every other chunk, so that neither always follows the other's garbage.
    const [first, second] = turn++ % 2 ? (['b', 'a'] as const) : (['a', 'b'] as const);
    run(first, i, end);
    run(second, i, end);
    i = end === texts.length ? 0 : end;
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return { a: count.a / (time.a / 1000), b: count.b / (time.b / 1000) };
}

export async function scorer(o: BenchOptions): Promise<{ scorerPerSec: number; baselineAfinnPerSec: number; scorerTexts: number }> {
  const texts = headlines(o.quick ? 200 : 5_000, 42).map((h) => h.title);
  const engine = new SentimentEngine({ tickers: WATCHED.map((w) => ({ symbol: w.symbol, name: w.name })), keywords: DEFAULT_KEYWORDS });
  const afinn = new Sentiment();
  const minMs = o.quick ? 50 : 1_500;
  // The two alternate in short chunks so that neither profits from a faster moment; medians of the runs.
  const pairs = await repeat(o.quick ? 1 : 5, true, async () => {
    collectGarbage();
    return interleaved(texts, (t) => engine.analyze(t), (t) => afinn.analyze(t), minMs);
  });
  return { scorerPerSec: round(median(pairs.map((p) => p.a)), 0), baselineAfinnPerSec: round(median(pairs.map((p) => p.b)), 0), scorerTexts: texts.length };
}
