/**
 * Trains the statistical half of the scorer on the Twitter Financial News training split (MIT)
 * plus examples written for this project, and writes `libs/sentiment/src/model/weights.ts`.
 * Never trains or tunes on Financial PhraseBank, TFNS validation or FiQA (those are benchmarks).
 *
 *   main(['--data-dir', '../shared/data', '--out', 'libs/sentiment/src/model/weights.ts'])
 *
 * The data directory defaults to `../shared/data` relative to the working directory and can be
 * overridden with SEISMO_DATA_DIR (read here only) or `--data-dir`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentFeatures, linkPrepared } from '../engine/analyze-core';
import { prepare } from '../engine/prepare';
import { DirectoryIndex } from '../linker/directory-index';
import { dataDir, loadTfns, type Example } from '../eval/datasets';
import { score } from '../eval/metrics';
import type { Label } from '../types';
import { WRITTEN_EXAMPLES } from './examples-written';
import { WRITTEN_EXAMPLES_2 } from './examples-written-2';
import { templateExamples } from './examples-templates';
import { probabilities, train, type SparseExample, type TrainOptions, type Trained } from './logreg';

const LETTER: Record<'p' | 'n' | 'o', Label> = { p: 'positive', n: 'negative', o: 'neutral' };

interface Args {
  dataDir: string;
  out: string;
  folds: number;
  epochs: number;
  /** Writes out-of-fold TFNS-train predictions (tab-separated) for error analysis. */
  dumpOof?: string;
  /** L2 strengths tried by cross-validation on TFNS train. */
  l2Grid: number[];
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    dataDir: get('--data-dir') ?? dataDir(process.env.SEISMO_DATA_DIR, process.cwd()),
    out: get('--out') ?? join(process.cwd(), 'libs/sentiment/src/model/weights.ts'),
    folds: Number(get('--folds') ?? 5),
    epochs: Number(get('--epochs') ?? 10),
    dumpOof: get('--dump-oof'),
    l2Grid: (get('--l2-grid') ?? '1e-4,3e-4,1e-3,3e-3,1e-2').split(',').map(Number),
  };
}

interface Featurised {
  keys: string[];
  values: number[];
  /** Hedge/question factor the engine multiplies the score by. */
  certainty: number;
  label: Label;
  source: 'tfns' | 'written';
}

function featuriseAll(examples: readonly (Example & { source: 'tfns' | 'written' })[]): Featurised[] {
  const index = DirectoryIndex.build();
  return examples.map((e) => {
    const p = prepare(e.text, undefined, index);
    const f = documentFeatures(p, linkPrepared(p, index));
    return { keys: f.keys, values: f.values, certainty: f.certainty, label: e.label, source: e.source };
  });
}

function vocabulary(data: readonly Featurised[], minDf: number): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of data) for (const k of d.keys) df.set(k, (df.get(k) ?? 0) + 1);
  const rules = [...df.keys()].filter((k) => k.startsWith('r:')).sort();
  const words = [...df.entries()].filter(([k, n]) => !k.startsWith('r:') && n >= minDf).map(([k]) => k).sort();
  const vocab = new Map<string, number>();
  for (const k of [...rules, ...words]) vocab.set(k, vocab.size);
  return vocab;
}

function sparse(data: readonly Featurised[], vocab: Map<string, number>): SparseExample[] {
  const counts = { positive: 0, negative: 0, neutral: 0 };
  for (const d of data) counts[d.label]++;
  const n = data.length;
  // Class weights soften the neutral majority (macro-F1 is the goal).
  const w = (l: Label) => Math.sqrt(n / (3 * Math.max(1, counts[l])));
  return data.map((d) => {
    const idx: number[] = [];
    const val: number[] = [];
    d.keys.forEach((k, i) => {
      const j = vocab.get(k);
      if (j !== undefined) {
        idx.push(j);
        val.push(d.values[i]);
      }
    });
    return { idx: Int32Array.from(idx), val: Float32Array.from(val), label: d.label, weight: w(d.label) };
  });
}

function labelOf(pp: number, pn: number, tPos: number, tNeg: number): Label {
  const s = pp - pn;
  return s >= tPos ? 'positive' : s <= tNeg ? 'negative' : 'neutral';
}

/** Thresholds on score = P(pos) − P(neg) that maximise macro-F1 on out-of-fold predictions. */
function tuneThresholds(gold: Label[], probs: [number, number][]): { positive: number; negative: number; macroF1: number } {
  let best = { positive: 0.2, negative: -0.2, macroF1: -1 };
  for (let a = 0; a <= 0.7001; a += 0.02) {
    for (let b = 0; b <= 0.7001; b += 0.02) {
      const pred = probs.map(([pp, pn]) => labelOf(pp, pn, a, -b));
      const m = score(gold, pred).macroF1;
      if (m > best.macroF1) best = { positive: Math.round(a * 100) / 100, negative: -Math.round(b * 100) / 100, macroF1: m };
    }
  }
  return best;
}

function crossValidate(data: Featurised[], vocab: Map<string, number>, opts: TrainOptions, folds: number, texts?: string[], dump?: string) {
  const tfnsIdx = data.map((d, i) => (d.source === 'tfns' ? i : -1)).filter((i) => i >= 0);
  const written = data.filter((d) => d.source === 'written');
  const probs: [number, number][] = new Array(tfnsIdx.length);
  const gold: Label[] = tfnsIdx.map((i) => data[i].label);
  for (let f = 0; f < folds; f++) {
    const trainSet: Featurised[] = [...written];
    const testPos: number[] = [];
    tfnsIdx.forEach((i, k) => (k % folds === f ? testPos.push(k) : trainSet.push(data[i])));
    const t = train(sparse(trainSet, vocab), vocab.size, opts);
    const test = sparse(testPos.map((k) => data[tfnsIdx[k]]), vocab);
    test.forEach((ex, j) => {
      const [pp, pn] = probabilities(t, ex.idx, ex.val);
      const c = data[tfnsIdx[testPos[j]]].certainty;
      probs[testPos[j]] = [pp * c, pn * c];
    });
  }
  const best = tuneThresholds(gold, probs);
  // Per-fold macro-F1 at the chosen thresholds, for the standard error of the CV estimate.
  const foldScores: number[] = [];
  for (let f = 0; f < folds; f++) {
    const ks = tfnsIdx.map((_, k) => k).filter((k) => k % folds === f);
    foldScores.push(score(ks.map((k) => gold[k]), ks.map((k) => labelOf(probs[k][0], probs[k][1], best.positive, best.negative))).macroF1);
  }
  const mean = foldScores.reduce((a, b) => a + b, 0) / folds;
  const sd = Math.sqrt(foldScores.reduce((a, b) => a + (b - mean) ** 2, 0) / (folds - 1));
  if (dump && texts) {
    const rows = tfnsIdx.map((i, k) => {
      const [pp, pn] = probs[k];
      return `${gold[k]}\t${labelOf(pp, pn, best.positive, best.negative)}\t${(pp - pn).toFixed(3)}\t${texts[i].replace(/\s+/g, ' ')}`;
    });
    writeFileSync(`${dump}.l2-${opts.l2}`, rows.join('\n') + '\n');
  }
  return { ...best, se: sd / Math.sqrt(folds) };
}

function pack(t: Trained, vocab: Map<string, number>): string[] {
  const lines: string[] = [];
  for (const [k, j] of vocab) {
    const wp = Math.round(t.wPos[j] * 1000) / 1000;
    const wn = Math.round(t.wNeg[j] * 1000) / 1000;
    if (Math.abs(wp) < 0.02 && Math.abs(wn) < 0.02) continue;
    if (k.includes('\t') || k.includes('\n')) continue;
    lines.push(`${k}\t${wp}\t${wn}`);
  }
  return lines;
}

function render(lines: string[], t: Trained, thresholds: { positive: number; negative: number }, meta: string): string {
  const body = lines.join('\n');
  const id = 'lr-' + createHash('sha256').update(body).update(JSON.stringify(thresholds)).digest('hex').slice(0, 10);
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += 64) chunks.push(JSON.stringify(lines.slice(i, i + 64).join('\n')));
  return [
    '// Generated by libs/sentiment/src/train/train.main.ts — do not edit by hand; rerun the script.',
    `// ${meta}`,
    '/* eslint-disable */',
    `export const MODEL_ID = '${id}';`,
    `export const MODEL_BIAS: [number, number] = [${t.bias.map((b) => Math.round(b * 1e4) / 1e4).join(', ')}];`,
    `export const MODEL_THRESHOLDS = { positive: ${thresholds.positive}, negative: ${thresholds.negative} };`,
    `export const MODEL_PACKED: string = [`,
    ...chunks.map((c) => `  ${c},`),
    `].join('\\n');`,
    '',
  ].join('\n');
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const args = parseArgs(argv);
  const file = join(args.dataDir, 'twitter_financial_news', 'sent_train.csv');
  const tfns = loadTfns(file);
  if (!tfns) {
    process.stderr.write(`train: ${file} not found; set SEISMO_DATA_DIR or --data-dir\n`);
    return 1;
  }
  const written = [...WRITTEN_EXAMPLES, ...WRITTEN_EXAMPLES_2, ...templateExamples()].map(([text, l]) => ({ text, label: LETTER[l], source: 'written' as const }));
  const all = [...tfns.map((e) => ({ ...e, source: 'tfns' as const })), ...written];
  const t0 = Date.now();
  const data = featuriseAll(all);
  const vocab = vocabulary(data, 2);
  process.stdout.write(`train: ${tfns.length} TFNS train rows + ${written.length} written examples, ${vocab.size} features (${Date.now() - t0} ms)\n`);
  const base: TrainOptions = { epochs: args.epochs, learningRate: 0.3, l2: 1e-4, l2Rules: 1e-5, ruleCount: [...vocab.keys()].filter((k) => k.startsWith('r:')).length, seed: 7 };
  const results: { l2: number; positive: number; negative: number; macroF1: number; se: number }[] = [];
  for (const l2 of args.l2Grid) {
    const cv = crossValidate(data, vocab, { ...base, l2 }, args.folds, all.map((e) => e.text), args.dumpOof);
    process.stdout.write(`train: l2=${l2} ${args.folds}-fold TFNS-train macro-F1 ${cv.macroF1.toFixed(4)} ±${cv.se.toFixed(4)} thresholds +${cv.positive}/${cv.negative}\n`);
    results.push({ l2, ...cv });
  }
  // One-standard-error rule: the strongest regularisation whose CV score is within one standard
  // error of the best. Word features fitted to tweets then weigh less against the finance rules.
  const top = results.reduce((a, b) => (b.macroF1 > a.macroF1 ? b : a));
  const chosen = results.filter((r) => r.macroF1 >= top.macroF1 - top.se).reduce((a, b) => (b.l2 > a.l2 ? b : a));
  const model = train(sparse(data, vocab), vocab.size, { ...base, l2: chosen.l2 });
  const lines = pack(model, vocab);
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
  const meta = `TFNS sent_train.csv (${tfns.length} rows, sha256 ${sha}) + ${written.length} written examples; l2 ${chosen.l2}; ${args.folds}-fold CV macro-F1 ${chosen.macroF1.toFixed(4)}; ${lines.length} weights`;
  writeFileSync(resolve(args.out), render(lines, model, chosen, meta));
  process.stdout.write(`train: wrote ${args.out} (${lines.length} weights, thresholds +${chosen.positive}/${chosen.negative})\n`);
  return 0;
}

// Run as a command (`npm run train:sentiment`), not when imported by a test.
if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`train failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
