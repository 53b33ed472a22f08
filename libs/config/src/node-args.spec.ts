import { DEFAULT_WORKER_HEAP_MB, DEFAULT_WORKER_SEMI_SPACE_MB, workerMallocEnv, workerNodeArgs } from './node-args';

describe('workerNodeArgs', () => {
  it('limits the worker heap to 256 MiB and the semi-space to 8 MiB unless SEISMO_WORKER_HEAP_MB / SEISMO_WORKER_SEMI_SPACE_MB say otherwise', () => {
    expect(workerNodeArgs({})).toEqual([`--max-old-space-size=${DEFAULT_WORKER_HEAP_MB}`, `--max-semi-space-size=${DEFAULT_WORKER_SEMI_SPACE_MB}`]);
    expect(DEFAULT_WORKER_HEAP_MB).toBe(256);
    expect(DEFAULT_WORKER_SEMI_SPACE_MB).toBe(8);
    expect(workerNodeArgs({ SEISMO_WORKER_HEAP_MB: '512' })).toEqual(['--max-old-space-size=512', '--max-semi-space-size=8']);
    expect(workerNodeArgs({ SEISMO_WORKER_SEMI_SPACE_MB: '16' })).toEqual(['--max-old-space-size=256', '--max-semi-space-size=16']);
  });

  it('names the variable when its value is not a usable size', () => {
    expect(() => workerNodeArgs({ SEISMO_WORKER_HEAP_MB: 'lots' })).toThrow(/SEISMO_WORKER_HEAP_MB/);
    expect(() => workerNodeArgs({ SEISMO_WORKER_HEAP_MB: '16' })).toThrow(/at least 64/);
    expect(() => workerNodeArgs({ SEISMO_WORKER_SEMI_SPACE_MB: '0' })).toThrow(/SEISMO_WORKER_SEMI_SPACE_MB must be an integer from 1 to 256/);
    expect(() => workerNodeArgs({ SEISMO_WORKER_SEMI_SPACE_MB: '8.5' })).toThrow(/SEISMO_WORKER_SEMI_SPACE_MB/);
  });

  it('starts workers with two malloc arenas and a trim threshold, unless the environment says otherwise', () => {
    expect(workerMallocEnv({})).toEqual({ MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' });
    expect(workerMallocEnv({ MALLOC_ARENA_MAX: '4' })).toMatchObject({ MALLOC_ARENA_MAX: '4' });
  });
});
