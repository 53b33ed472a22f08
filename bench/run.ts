/** The benchmark scenarios and the one JSON object they make. */
import { latency } from './scenarios/latency';
import { pipeline } from './scenarios/pipeline';
import { prices } from './scenarios/prices';
import { rawBullmq, rawBullmqHop, rawPostgres, rawSocketIo, rawSocketIoWire } from './scenarios/raw';
import { scorer } from './scenarios/scorer';
import { dropTemplate } from './support';
import type { BenchOptions, Figures } from './types';

export interface RunOptions extends BenchOptions {
  /** Run only these scenarios (default: all, in this order). */
  scenarios?: ScenarioName[];
  /** Write a V8 CPU profile of the worker during the first 100k pipeline run (dist/bench/profiles). */
  profile?: boolean;
  /** Items of the large pipeline run (default 2,000; issue 7's figure is 100,000). */
  pipelineItems?: number;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
}

export const SCENARIOS = {
  raw: async (o: RunOptions): Promise<Figures> => {
    const figures: Figures = { ...(await rawBullmq(o)), ...(await rawBullmqHop(o)), ...(await rawPostgres(o)) };
    for (const n of o.quick ? [5, 20] : [100, 1_000]) {
      const r = await rawSocketIo(o, n);
      Object.assign(figures, {
        [`rawSocketIoP50Ms_${n}`]: r.p50,
        [`rawSocketIoP99Ms_${n}`]: r.p99,
        rawSocketIoP50Ms: r.p50,
        rawSocketIoP99Ms: r.p99,
        // CPU per message at the largest size (at 100 clients, per-trial costs and JIT warm-up weigh more than the messages).
        rawSocketIoServerCpuUsPerClient: r.serverCpuUsPerClient,
        rawSocketIoClientCpuUsPerClient: r.clientCpuUsPerClient,
        rawSocketIoClients: n,
      });
    }
    // The largest fan-out again, read at the wire by clients without socket.io-client's decoding.
    const n = o.quick ? 20 : 1_000;
    const w = await rawSocketIoWire(o, n);
    Object.assign(figures, { rawSocketIoWireP50Ms: w.p50, rawSocketIoWireP99Ms: w.p99, rawSocketIoWireClientCpuUsPerClient: w.clientCpuUsPerClient, rawSocketIoWireServerCpuUsPerClient: w.serverCpuUsPerClient });
    return figures;
  },
  scorer: (o: RunOptions) => scorer(o),
  pipeline: (o: RunOptions) => pipeline(o),
  latency: (o: RunOptions) => latency(o),
  prices: (o: RunOptions) => prices(o),
} satisfies Record<string, (o: RunOptions) => Promise<Figures>>;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

export async function runBench(o: RunOptions): Promise<Figures> {
  const names = o.scenarios?.length ? o.scenarios : SCENARIO_NAMES;
  const out: Figures = {};
  const started = Date.now();
  try {
    for (const name of names) {
      const t = Date.now();
      o.log?.(`${name}…`);
      Object.assign(out, await SCENARIOS[name](o));
      o.log?.(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await dropTemplate();
  }
  out.quick = o.quick;
  out.scenarios = names.join(',');
  out.totalSeconds = Math.round((Date.now() - started) / 100) / 10;
  return out;
}
