/** Default old-space heap of a worker process, in MiB (`SEISMO_WORKER_HEAP_MB`). */
export const DEFAULT_WORKER_HEAP_MB = 256;

/**
 * Default young-generation semi-space of a worker process, in MiB (`SEISMO_WORKER_SEMI_SPACE_MB`).
 * V8's default (16 on this platform) reserves about 24 MB more: at 8 the 100,000-item pipeline
 * peaked at 270–276 MB RSS instead of 297–306, at the same throughput within the machine's noise
 * (docs/benchmarks.md, session 4).
 */
export const DEFAULT_WORKER_SEMI_SPACE_MB = 8;

/**
 * Node flags a worker process is started with (by `npm start`, the demo, the bench and the
 * tests, and in `docker/Dockerfile.worker`): the old-space limit and the semi-space size. Without a limit V8 sizes the heap against the
 * machine's memory and lets it grow lazily: the 10,000-item pipeline run peaked at 383 MB RSS,
 * and at 250 MB with a 256 MiB old space, at the same throughput (docs/benchmarks.md).
 * Everything the worker keeps is bounded well below it (see ObservationCache).
 */
export function workerNodeArgs(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env.SEISMO_WORKER_HEAP_MB;
  const mb = raw === undefined || raw === '' ? DEFAULT_WORKER_HEAP_MB : Number(raw);
  if (!Number.isInteger(mb) || mb < 64) throw new Error(`SEISMO_WORKER_HEAP_MB must be an integer of at least 64 (MiB), got "${raw}"`);
  const rawSemi = env.SEISMO_WORKER_SEMI_SPACE_MB;
  const semi = rawSemi === undefined || rawSemi === '' ? DEFAULT_WORKER_SEMI_SPACE_MB : Number(rawSemi);
  if (!Number.isInteger(semi) || semi < 1 || semi > 256) throw new Error(`SEISMO_WORKER_SEMI_SPACE_MB must be an integer from 1 to 256 (MiB), got "${rawSemi}"`);
  return [`--max-old-space-size=${mb}`, `--max-semi-space-size=${semi}`];
}

/**
 * glibc malloc settings a worker process is started with, unless the environment sets them.
 * Node's threads (GC, compiler, libuv pool) each get a malloc arena that is never given back:
 * an idle worker measured 229 MB RSS with the defaults and 174 MB with two arenas and a trim
 * threshold, at the same throughput (docs/benchmarks.md).
 */
export function workerMallocEnv(env: Record<string, string | undefined> = process.env): Record<string, string> {
  return {
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
    MALLOC_TRIM_THRESHOLD_: env.MALLOC_TRIM_THRESHOLD_ ?? '131072',
  };
}
