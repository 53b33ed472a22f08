import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis-server';

/**
 * A private Postgres cluster (initdb + pg_ctl in a temp dir, on a free port) for tests that stop
 * and restart Postgres: the machine's Postgres is never touched. As root, the cluster runs as the
 * `postgres` user (initdb refuses root).
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly user: string | null,
  ) {}

  static available(): boolean {
    return findBin() !== null;
  }

  static async start(): Promise<PrivatePostgres> {
    const bin = findBin();
    if (!bin) throw new Error('no /usr/lib/postgresql/*/bin/initdb on this machine');
    const user = process.getuid?.() === 0 ? 'postgres' : null;
    const dir = mkdtempSync(join(tmpdir(), 'seismo-pg-'));
    if (user) {
      const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
      chownSync(dir, uid, gid);
    }
    const pg = new PrivatePostgres(dir, await freePort(), bin, user);
    pg.run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    await pg.start();
    return pg;
  }

  get baseUrl(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}`;
  }

  url(db: string): string {
    return `${this.baseUrl}/${db}`;
  }

  private run(tool: string, args: string[]): void {
    const cmd = join(this.bin, tool);
    if (this.user) execFileSync('runuser', ['-u', this.user, '--', cmd, ...args], { stdio: 'pipe', cwd: this.dir });
    else execFileSync(cmd, args, { stdio: 'pipe', cwd: this.dir });
  }

  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-o', opts, '-w', '-t', '30', 'start']);
  }

  /** `fast`: terminate sessions (what a restart or failover does to clients). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', '-t', '30', 'stop']);
  }

  async destroy(): Promise<void> {
    try {
      await this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function findBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const v of readdirSync(root).sort().reverse()) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}
