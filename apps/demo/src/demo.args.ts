import { DEFAULT_REPLAY_SPEED } from './replay-clock';

export interface DemoArgs {
  speed: number;
  port: number;
  keepDb: boolean;
}

/** `--speed <event-seconds per wall-second | Nx>` (`2x` = twice the default), `--port`, `--keep-db`. */
export function parseDemoArgs(argv: string[], defaultPort = 3000): DemoArgs {
  const out: DemoArgs = { speed: DEFAULT_REPLAY_SPEED, port: defaultPort, keepDb: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--speed')) {
      const v = value();
      const m = /^(\d+(?:\.\d+)?)x$/i.exec(v);
      const speed = m ? Number(m[1]) * DEFAULT_REPLAY_SPEED : Number(v);
      if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`--speed must be a positive number of event-seconds per second, or Nx (got ${v})`);
      out.speed = speed;
    } else if (a.startsWith('--port')) {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error('--port must be 1-65535');
      out.port = p;
    } else if (a === '--keep-db') out.keepDb = true;
    else if (a === '--help' || a === '-h') throw new Error('usage: npm run demo -- [--speed 5760|2x] [--port 3000] [--keep-db]');
    else throw new Error(`unknown option ${a} (try --help)`);
  }
  return out;
}
