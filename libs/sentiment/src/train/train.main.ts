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
import { REGISTER_EXAMPLES } from './examples-register';
import { registerOf, type Register } from '../engine/labels';
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
  /** Hand-written examples and TFNS rows are cross-validated; generated ones always train. */
  source: Source;
  /** Which threshold pair the engine would apply to this text (engine/labels.ts). */
  register: Register;
}

type Source = 'tfns' | 'written' | 'template';

function featuriseAll(examples: readonly (Example & { source: Source })[]): Featurised[] {
  const index = DirectoryIndex.build();
  return examples.map((e) => {
    const p = prepare(e.text, undefined, index);
    const f = documentFeatures(p, linkPrepared(p, index));
    return { keys: f.keys, values: f.values, certainty: f.certainty, label: e.label, source: e.source, register: registerOf(e.text) };
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

/**
 * Thresholds on score = P(pos) − P(neg) that maximise macro-F1 on out-of-fold predictions. With
 * `smooth`, a pair is judged by the mean macro-F1 of its 3 × 3 neighbourhood on the grid, so a
 * few hundred examples pick a plateau rather than a lucky spike; `macroF1` is still the pair's own.
 */
function tuneThresholds(gold: Label[], probs: [number, number][], smooth = false): { positive: number; negative: number; macroF1: number } {
  const steps = 36;
  const grid: number[][] = [];
  for (let i = 0; i < steps; i++) {
    grid.push([]);
    for (let j = 0; j < steps; j++) grid[i].push(score(gold, probs.map(([pp, pn]) => labelOf(pp, pn, i * 0.02, -j * 0.02))).macroF1);
  }
  const judged = (i: number, j: number) => {
    if (!smooth) return grid[i][j];
    let sum = 0;
    let n = 0;
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        const row = grid[i + di];
        if (row && row[j + dj] !== undefined) {
          sum += row[j + dj];
          n++;
        }
      }
    }
    return sum / n;
  };
  let best = { positive: 0.2, negative: -0.2, macroF1: -1 };
  let bestJudged = -1;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const m = judged(i, j);
      if (m > bestJudged) {
        bestJudged = m;
        best = { positive: Math.round(i * 2) / 100, negative: -Math.round(j * 2) / 100, macroF1: grid[i][j] };
      }
    }
  }
  return best;
}

/**
 * K-fold cross-validation over TFNS train and the hand-written examples (the generated template
 * examples are in every training fold). Out-of-fold scores then fit one threshold pair per register:
 * `headline` on the TFNS rows of that register (as before registers existed), `report` on every
 * cross-validated example of the report register — the hand-written press-release and report
 * sentences, plus the few TFNS rows that read as prose.
 */
function crossValidate(data: Featurised[], vocab: Map<string, number>, opts: TrainOptions, folds: number, texts?: string[], dump?: string) {
  const cvIdx = data.map((d, i) => (d.source !== 'template' ? i : -1)).filter((i) => i >= 0);
  const always = data.filter((d) => d.source === 'template');
  const probs: [number, number][] = new Array(cvIdx.length);
  const gold: Label[] = cvIdx.map((i) => data[i].label);
  for (let f = 0; f < folds; f++) {
    const trainSet: Featurised[] = [...always];
    const testPos: number[] = [];
    cvIdx.forEach((i, k) => (k % folds === f ? testPos.push(k) : trainSet.push(data[i])));
    const t = train(sparse(trainSet, vocab), vocab.size, opts);
    const test = sparse(testPos.map((k) => data[cvIdx[k]]), vocab);
    test.forEach((ex, j) => {
      const [pp, pn] = probabilities(t, ex.idx, ex.val);
      const c = data[cvIdx[testPos[j]]].certainty;
      probs[testPos[j]] = [pp * c, pn * c];
    });
  }
  const headlineKs = cvIdx.map((i, k) => (data[i].source === 'tfns' && data[i].register === 'headline' ? k : -1)).filter((k) => k >= 0);
  const reportKs = cvIdx.map((i, k) => (data[i].register === 'report' ? k : -1)).filter((k) => k >= 0);
  const fit = (ks: number[], smooth: boolean) => {
    const best = tuneThresholds(ks.map((k) => gold[k]), ks.map((k) => probs[k]), smooth);
    // Per-fold macro-F1 at the chosen thresholds, for the standard error of the CV estimate.
    const foldScores: number[] = [];
    for (let f = 0; f < folds; f++) {
      const fk = ks.filter((k) => k % folds === f);
      foldScores.push(score(fk.map((k) => gold[k]), fk.map((k) => labelOf(probs[k][0], probs[k][1], best.positive, best.negative))).macroF1);
    }
    const mean = foldScores.reduce((a, b) => a + b, 0) / folds;
    const sd = Math.sqrt(foldScores.reduce((a, b) => a + (b - mean) ** 2, 0) / (folds - 1));
    return { ...best, se: sd / Math.sqrt(folds), n: ks.length };
  };
  const headline = fit(headlineKs, false);
  const report = fit(reportKs, true);
  // The report sentences at the headline thresholds: what the register's own pair gains.
  const reportAtHeadline = score(reportKs.map((k) => gold[k]), reportKs.map((k) => labelOf(probs[k][0], probs[k][1], headline.positive, headline.negative))).macroF1;
  if (dump && texts) {
    const rows = cvIdx.map((i, k) => {
      const [pp, pn] = probs[k];
      const t = data[i].register === 'report' ? report : headline;
      return `${data[i].source}\t${data[i].register}\t${gold[k]}\t${labelOf(pp, pn, t.positive, t.negative)}\t${(pp - pn).toFixed(3)}\t${texts[i].replace(/\s+/g, ' ')}`;
    });
    writeFileSync(`${dump}.l2-${opts.l2}`, rows.join('\n') + '\n');
  }
  return { ...headline, report, reportAtHeadline };
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

type Pair = { positive: number; negative: number };

function render(lines: string[], t: Trained, thresholds: Pair, report: Pair, meta: string): string {
  const body = lines.join('\n');
  const pairs = { positive: thresholds.positive, negative: thresholds.negative, report: { positive: report.positive, negative: report.negative } };
  const id = 'lr-' + createHash('sha256').update(body).update(JSON.stringify(pairs)).digest('hex').slice(0, 10);
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += 64) chunks.push(JSON.stringify(lines.slice(i, i + 64).join('\n')));
  return [
    '// Generated by libs/sentiment/src/train/train.main.ts — do not edit by hand; rerun the script.',
    `// ${meta}`,
    '/* eslint-disable */',
    `export const MODEL_ID = '${id}';`,
    `export const MODEL_BIAS: [number, number] = [${t.bias.map((b) => Math.round(b * 1e4) / 1e4).join(', ')}];`,
    `export const MODEL_THRESHOLDS = { positive: ${thresholds.positive}, negative: ${thresholds.negative} };`,
    '/** Thresholds for report prose (press releases, company reports, wire copy); see engine/labels.ts. */',
    `export const MODEL_REPORT_THRESHOLDS = { positive: ${report.positive}, negative: ${report.negative} };`,
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
  const written = [...WRITTEN_EXAMPLES, ...WRITTEN_EXAMPLES_2, ...REGISTER_EXAMPLES].map(([text, l]) => ({ text, label: LETTER[l], source: 'written' as Source }));
  written.push(...templateExamples().map(([text, l]) => ({ text, label: LETTER[l], source: 'template' as Source })));
  const all = [...tfns.map((e) => ({ ...e, source: 'tfns' as Source })), ...written];
  const t0 = Date.now();
  const data = featuriseAll(all);
  const vocab = vocabulary(data, 2);
  process.stdout.write(`train: ${tfns.length} TFNS train rows + ${written.length} written examples, ${vocab.size} features (${Date.now() - t0} ms)\n`);
  const base: TrainOptions = { epochs: args.epochs, learningRate: 0.3, l2: 1e-4, l2Rules: 1e-5, ruleCount: [...vocab.keys()].filter((k) => k.startsWith('r:')).length, seed: 7 };
  const results: (ReturnType<typeof crossValidate> & { l2: number })[] = [];
  for (const l2 of args.l2Grid) {
    const cv = crossValidate(data, vocab, { ...base, l2 }, args.folds, all.map((e) => e.text), args.dumpOof);
    const r = cv.report;
    process.stdout.write(
      `train: l2=${l2} ${args.folds}-fold TFNS-train (headline register) macro-F1 ${cv.macroF1.toFixed(4)} ±${cv.se.toFixed(4)} thresholds +${cv.positive}/${cv.negative}; ` +
        `report register (${r.n}) ${r.macroF1.toFixed(4)} ±${r.se.toFixed(4)} thresholds +${r.positive}/${r.negative} (${cv.reportAtHeadline.toFixed(4)} at the headline pair)\n`,
    );
    results.push({ l2, ...cv });
  }
  // One-standard-error rule: the strongest regularisation whose CV score is within one standard
  // error of the best. Word features fitted to tweets then weigh less against the finance rules.
  const top = results.reduce((a, b) => (b.macroF1 > a.macroF1 ? b : a));
  const chosen = results.filter((r) => r.macroF1 >= top.macroF1 - top.se).reduce((a, b) => (b.l2 > a.l2 ? b : a));
  const model = train(sparse(data, vocab), vocab.size, { ...base, l2: chosen.l2 });
  const lines = pack(model, vocab);
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
  const meta = `TFNS sent_train.csv (${tfns.length} rows, sha256 ${sha}) + ${written.length} written examples; l2 ${chosen.l2}; ${args.folds}-fold CV macro-F1 ${chosen.macroF1.toFixed(4)} (report register ${chosen.report.macroF1.toFixed(4)} on ${chosen.report.n}); ${lines.length} weights`;
  writeFileSync(resolve(args.out), render(lines, model, chosen, chosen.report, meta));
  process.stdout.write(`train: wrote ${args.out} (${lines.length} weights, thresholds +${chosen.positive}/${chosen.negative}, report +${chosen.report.positive}/${chosen.report.negative})\n`);
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
