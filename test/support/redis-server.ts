import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A private redis-server for tests that stop and restart Redis (the machine's stays untouched). */
export class PrivateRedis {
  private proc: ChildProcess | null = null;
  constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }
}

/**
 * A port for a child process to listen on. Picked below Linux's ephemeral range (32768–60999),
 * which outgoing connections and `listen(0)` use, and from a range of its own per jest worker, so
 * that a port handed out here cannot be taken by another test file's child or by a client socket
 * before the child binds it (a health check would then reach the wrong process).
 */
const PORT_BLOCK = 3_000;
const portBase = 20_000 + ((Number(process.env.JEST_WORKER_ID ?? 1) - 1) % 4) * PORT_BLOCK;
let nextPort = portBase + Math.floor(Math.random() * PORT_BLOCK);

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORT_BLOCK; tries++) {
    const port = nextPort;
    nextPort = portBase + ((nextPort - portBase + 1) % PORT_BLOCK);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${portBase}–${portBase + PORT_BLOCK - 1}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
