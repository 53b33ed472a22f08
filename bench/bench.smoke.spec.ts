import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withRatios } from './main';
import { runBench, SCENARIO_NAMES } from './run';
import { ROOT } from './support';

/**
 * Every scenario at tiny size (the `--quick` sizes), so the benchmarks cannot rot. The worker, api
 * and raw socket.io server run as child processes from dist/ (npm test builds first). No timing
 * assertions: the figures only have to be there and positive.
 */
const REQUIRED = [
  'pipelineArticlesPerSec',
  'rawBullmqPerSec',
  'rawBullmqHopP50Ms',
  'scorerPerSec',
  'baselineAfinnPerSec',
  'alertLatencyP50Ms',
  'alertLatencyP99Ms',
  'wsClients',
  'priceTicksPerSec',
  'peakRssMb',
  'pgInsertRowsPerSec',
  'rawSocketIoP50Ms',
  'rawSocketIoP99Ms',
  'rawSocketIoClientCpuUsPerClient',
  'rawSocketIoWireP50Ms',
  'rawSocketIoWireP99Ms',
  'rawSocketIoWireClientCpuUsPerClient',
  'pipelineCpuUsPerArticle',
  'rawBullmqPerSecAroundPipeline',
  'rawBullmqPerSecBeforePipeline',
  'rawBullmqPerSecAfterPipeline',
];

describe('bench --quick', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/apps/worker/src/main.js')) || !existsSync(join(ROOT, 'dist/bench/raw-socketio.server.js'))) {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0) throw new Error('build failed');
    }
  }, 120_000);

  it('runs every scenario and reports every figure as a positive number', async () => {
    const f = await runBench({ quick: true });
    expect(f.scenarios).toBe(SCENARIO_NAMES.join(','));
    for (const key of REQUIRED) {
      expect([key, typeof f[key]]).toEqual([key, 'number']);
      expect([key, (f[key] as number) > 0]).toEqual([key, true]);
    }
    expect(f.alertsMissed_20).toBe(0);
    // Read from /proc in 10 ms ticks: at quick size the server's share may round to none.
    for (const key of ['rawSocketIoServerCpuUsPerClient', 'rawSocketIoWireServerCpuUsPerClient']) expect([key, (f[key] as number) >= 0]).toEqual([key, true]);
    const r = withRatios(f);
    expect(r.pipelineVsRawBullmq).toBeCloseTo((f.pipelineArticlesPerSec as number) / (f.rawBullmqPerSec as number), 3);
    expect(f.rawBullmqPerSecAroundPipeline).toBeCloseTo(((f.rawBullmqPerSecBeforePipeline as number) + (f.rawBullmqPerSecAfterPipeline as number)) / 2, -1);
    expect(r.pipelineVsRawBullmqAround).toBeCloseTo((f.pipelineArticlesPerSec as number) / (f.rawBullmqPerSecAroundPipeline as number), 3);
    expect(r.alertLatencyOverRawP50Ms).toBeCloseTo((f.alertLatencyP50Ms as number) - (f.rawSocketIoP50Ms as number), 2);
  }, 180_000);
});
