/**
 * `npm run bench [-- --json] [--quick] [--scenario <name>[,<name>]] [--profile]`
 * Measures Seismo against the raw limits of its parts in one run; prints a table, or one JSON object.
 */
import os from 'node:os';
import { runBench, SCENARIO_NAMES, type ScenarioName } from './run';
import { stopAllChildren } from './support';
import type { Figures } from './types';

export function parseArgs(argv: string[]): { json: boolean; quick: boolean; profile: boolean; scenarios: ScenarioName[]; pipelineItems?: number } {
  const scenarios: ScenarioName[] = [];
  let json = false;
  let quick = false;
  let profile = false;
  let pipelineItems: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--quick') quick = true;
    else if (a === '--profile') profile = true;
    else if (a === '--pipeline-items') {
      pipelineItems = Number(argv[++i]);
      if (!Number.isInteger(pipelineItems) || pipelineItems < 100) throw new Error('--pipeline-items takes an integer ≥ 100');
    }
    else if (a === '--scenario' || a.startsWith('--scenario=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      for (const name of (v ?? '').split(',').filter(Boolean)) {
        if (!SCENARIO_NAMES.includes(name as ScenarioName)) throw new Error(`unknown scenario "${name}" (one of ${SCENARIO_NAMES.join(', ')})`);
        scenarios.push(name as ScenarioName);
      }
    } else throw new Error(`unknown argument ${a} (use --json, --quick, --scenario <name>, --pipeline-items <n>, --profile)`);
  }
  return { json, quick, profile, scenarios, pipelineItems };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** Ratios against the raw limits, and whether each goal of issue 7 is met. */
export function withRatios(f: Figures): Figures {
  const n = (k: string) => (typeof f[k] === 'number' ? (f[k] as number) : null);
  const out: Figures = { ...f };
  const ratio = (a: string, b: string) => (n(a) !== null && n(b) ? Math.round((n(a)! / n(b)!) * 1000) / 1000 : null);
  if (n('pipelineArticlesPerSec') !== null && n('rawBullmqPerSec')) out.pipelineVsRawBullmq = ratio('pipelineArticlesPerSec', 'rawBullmqPerSec');
  // The same ratio against raw BullMQ measured right before and after the large run (pipeline scenario).
  if (n('pipelineArticlesPerSec') !== null && n('rawBullmqPerSecAroundPipeline')) out.pipelineVsRawBullmqAround = ratio('pipelineArticlesPerSec', 'rawBullmqPerSecAroundPipeline');
  if (n('scorerPerSec') !== null && n('baselineAfinnPerSec')) out.scorerVsAfinn = ratio('scorerPerSec', 'baselineAfinnPerSec');
  // Seismo's own share of the alert's p50: what it takes beyond bare socket.io's fan-out to as
  // many clients on the same machine in the same run (which varies between runs far more).
  if (n('alertLatencyP50Ms') !== null && n('rawSocketIoP50Ms') !== null) out.alertLatencyOverRawP50Ms = Math.round((n('alertLatencyP50Ms')! - n('rawSocketIoP50Ms')!) * 100) / 100;
  return out;
}

const ROWS: [key: string, label: string, unit: string, compare?: string, goal?: (f: Figures) => string][] = [
  ['pipelineArticlesPerSec', 'pipeline (fetch → signals evaluated)', 'articles/s', 'rawBullmqPerSec', (f) => goal(f.pipelineVsRawBullmq, (r) => r >= 0.5, '≥ 0.5 × raw BullMQ')],
  ['pipelineStoredPerSec', 'pipeline (fetch → stored)', 'articles/s'],
  ['pipelineItems', 'pipeline items (large run)', 'items'],
  ['pipelineSmallArticlesPerSec', 'pipeline, small run (fetch → signals)', 'articles/s'],
  ['rawBullmqPerSec', 'raw: no-op BullMQ worker', 'jobs/s'],
  ['rawBullmqPerSecAroundPipeline', 'raw: no-op BullMQ, right before/after the large run', 'jobs/s'],
  ['rawBullmqHopP50Ms', 'raw: one BullMQ hop (add → processor), p50', 'ms'],
  ['pgInsertRowsPerSec', 'raw: Postgres multi-row insert', 'rows/s'],
  ['rawSocketIoServerCpuUsPerClient', 'raw: socket.io server CPU per client message', 'µs'],
  ['rawSocketIoClientCpuUsPerClient', 'raw: socket.io-client CPU per message (all clients in the bench)', 'µs'],
  ['rawSocketIoWireP50Ms', 'raw: socket.io fan-out read at the wire, p50', 'ms'],
  ['rawSocketIoWireP99Ms', 'raw: socket.io fan-out read at the wire, p99', 'ms'],
  ['scorerPerSec', 'scorer: SentimentEngine.analyze (1 core)', 'headlines/s', 'baselineAfinnPerSec', (f) => goal(f.scorerVsAfinn, (r) => r >= 0.5, '≥ 0.5 × AFINN')],
  ['baselineAfinnPerSec', 'baseline: sentiment (AFINN)', 'headlines/s'],
  ['alertLatencyP50Ms', 'alert latency p50 (enqueue → client)', 'ms', 'rawSocketIoP50Ms', (f) => goal(f.alertLatencyP50Ms, (v) => v <= 20, '≤ 20 ms')],
  ['alertLatencyP99Ms', 'alert latency p99', 'ms', 'rawSocketIoP99Ms', (f) => goal(f.alertLatencyP99Ms, (v) => v <= 100, '≤ 100 ms')],
  ['alertLatencyOverRawP50Ms', 'alert latency p50 beyond bare socket.io', 'ms'],
  ['alertLatencyP50Ms_100', 'alert latency p50, 100 clients', 'ms', 'rawSocketIoP50Ms_100'],
  ['alertLatencyP99Ms_100', 'alert latency p99, 100 clients', 'ms', 'rawSocketIoP99Ms_100'],
  ['wsClients', 'socket.io clients', ''],
  ['priceTicksPerSec', 'prices: ticks → bars → stored', 'ticks/s', undefined, (f) => goal(f.priceTicksPerSec, (v) => v >= 20_000, '≥ 20,000/s')],
  ['peakRssMb', 'worker peak RSS (large pipeline run)', 'MB'],
];

function goal(v: unknown, ok: (x: number) => boolean, text: string): string {
  return typeof v === 'number' ? `${ok(v) ? 'met' : 'NOT met'} (${text})` : '';
}

const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 })) : v === undefined ? '' : String(v));

export function table(f: Figures): string {
  const lines: string[][] = [['figure', 'value', 'unit', 'raw limit', 'goal']];
  const shown = new Set<string>();
  for (const [key, label, unit, compare, g] of ROWS) {
    if (f[key] === undefined) continue;
    shown.add(key);
    lines.push([label, fmt(f[key]), unit, compare && f[compare] !== undefined ? fmt(f[compare]) : '', g ? g(f) : '']);
  }
  shown.add('machine');
  for (const [k, v] of Object.entries(f)) if (!shown.has(k)) lines.push([k, fmt(v), '', '', '']);
  const w = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const head = f.machine ? `machine: ${f.machine}\n\n` : '';
  return head + lines.map((l, r) => l.map((c, i) => (i === 1 || i === 3 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ').trimEnd() + (r === 0 ? `\n${w.map((x) => '-'.repeat(x)).join('  ')}` : '')).join('\n');
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => void stopAllChildren().finally(() => process.exit(130)));
  }
  const figures = withRatios({ ...(await runBench({ ...args, log })), machine: machine() });
  process.stdout.write(args.json ? `${JSON.stringify(figures)}\n` : `${table(figures)}\n`);
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
