/** Many socket.io clients in the bench process, and per-event delivery latency across them. */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { percentile, sleep } from './support';

export async function connectMany(url: string, n: number, onEach?: (s: Socket, i: number) => Promise<void>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  // In waves, so the handshakes do not all time out behind each other.
  for (let i = 0; i < n; i += 100) {
    const wave = Array.from({ length: Math.min(100, n - i) }, (_, k) => {
      const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
      sockets.push(s);
      return new Promise<void>((resolve, reject) => {
        s.once('connect', () => void (onEach ? onEach(s, i + k) : Promise.resolve()).then(resolve, reject));
        s.once('connect_error', reject);
      });
    });
    await Promise.all(wave);
  }
  return sockets;
}

export function closeAll(sockets: Socket[]): void {
  for (const s of sockets) s.close();
}

/**
 * Collects, per trial key, the arrival time at each client. `expect` opens a trial at t0; `arrive`
 * records a client's arrival; `wait` resolves when every client got it (or after a timeout).
 */
export class LatencyRecorder {
  private readonly open = new Map<string, { t0: number; got: number; done: () => void }>();
  readonly samples: number[] = [];
  missed = 0;

  constructor(private readonly clients: number) {}

  expect(key: string, t0 = performance.now()): Promise<void> {
    return new Promise((done) => this.open.set(key, { t0, got: 0, done }));
  }

  arrive(key: string): void {
    const t = this.open.get(key);
    if (!t) return;
    this.samples.push(performance.now() - t.t0);
    if (++t.got === this.clients) {
      this.open.delete(key);
      t.done();
    }
  }

  async wait(key: string, trial: Promise<void>, timeoutMs: number): Promise<void> {
    const ok = await Promise.race([trial.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!ok) {
      const t = this.open.get(key);
      this.missed += this.clients - (t?.got ?? 0);
      this.open.delete(key);
    }
  }

  stats(): { p50: number; p99: number; max: number; n: number } {
    return { p50: percentile(this.samples, 50), p99: percentile(this.samples, 99), max: percentile(this.samples, 100), n: this.samples.length };
  }
}
