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

/** Texts per second of `fn` over `texts`, timed for at least `minMs`. */
function rate(texts: string[], fn: (t: string) => unknown, minMs: number): number {
  let n = 0;
  let sink = 0;
  const t0 = performance.now();
  let el = 0;
  do {
    for (const t of texts) {
      const r = fn(t) as { score: number };
      sink += r.score;
    }
    n += texts.length;
    el = performance.now() - t0;
  } while (el < minMs);
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return n / (el / 1000);
}

export async function scorer(o: BenchOptions): Promise<{ scorerPerSec: number; baselineAfinnPerSec: number; scorerTexts: number }> {
  const texts = headlines(o.quick ? 200 : 5_000, 42).map((h) => h.title);
  const engine = new SentimentEngine({ tickers: WATCHED.map((w) => ({ symbol: w.symbol, name: w.name })), keywords: DEFAULT_KEYWORDS });
  const afinn = new Sentiment();
  const minMs = o.quick ? 50 : 1_500;
  // Alternate the two so that neither profits from a warmer machine; medians of the runs.
  const pairs = await repeat(o.quick ? 1 : 5, true, async () => {
    collectGarbage();
    const a = rate(texts, (t) => engine.analyze(t), minMs);
    collectGarbage();
    const b = rate(texts, (t) => afinn.analyze(t), minMs);
    return { a, b };
  });
  return { scorerPerSec: round(median(pairs.map((p) => p.a)), 0), baselineAfinnPerSec: round(median(pairs.map((p) => p.b)), 0), scorerTexts: texts.length };
}
