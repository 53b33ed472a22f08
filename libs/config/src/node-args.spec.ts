import { DEFAULT_WORKER_HEAP_MB, workerMallocEnv, workerNodeArgs } from './node-args';

describe('workerNodeArgs', () => {
  it('limits the worker heap to 256 MiB unless SEISMO_WORKER_HEAP_MB says otherwise', () => {
    expect(workerNodeArgs({})).toEqual([`--max-old-space-size=${DEFAULT_WORKER_HEAP_MB}`]);
    expect(DEFAULT_WORKER_HEAP_MB).toBe(256);
    expect(workerNodeArgs({ SEISMO_WORKER_HEAP_MB: '512' })).toEqual(['--max-old-space-size=512']);
  });

  it('names the variable when its value is not a usable size', () => {
    expect(() => workerNodeArgs({ SEISMO_WORKER_HEAP_MB: 'lots' })).toThrow(/SEISMO_WORKER_HEAP_MB/);
    expect(() => workerNodeArgs({ SEISMO_WORKER_HEAP_MB: '16' })).toThrow(/at least 64/);
  });

  it('starts workers with two malloc arenas and a trim threshold, unless the environment says otherwise', () => {
    expect(workerMallocEnv({})).toEqual({ MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' });
    expect(workerMallocEnv({ MALLOC_ARENA_MAX: '4' })).toMatchObject({ MALLOC_ARENA_MAX: '4' });
  });
});
