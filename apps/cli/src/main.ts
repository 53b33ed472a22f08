/** The terminal client: `score`, `tail`, `backfill`. This is the only place that may print with console. */
import { ConfigError, loadConfig } from '@seismo/config';
import { scoreCommand } from './score.command';
import { tailCommand } from './tail.command';
import { backfillCommand } from './backfill.command';

function option(args: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}` && args[i + 1] !== undefined) out.push(args[++i]);
    else if (args[i].startsWith(`--${name}=`)) out.push(args[i].slice(name.length + 3));
  }
  return out;
}

const USAGE = `usage:
  npm run cli -- score < lines.jsonl                 score JSON lines {"id","text","targets"?}
  npm run cli -- tail [--symbol NVDA] [--keyword DeepSeek] [--url http://127.0.0.1:3000] [--after <alert id>]
  npm run cli -- backfill --from 2025-01-20 --to 2025-02-01 [--source demo]`;

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'score') {
    const r = await scoreCommand(process.stdin, process.stdout);
    process.exitCode = r.errors ? 1 : 0;
    return;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  if (cmd === 'tail') {
    const url = option(args, 'url')[0] ?? `http://127.0.0.1:${config.port}`;
    const after = option(args, 'after')[0];
    tailCommand(
      {
        url,
        symbols: option(args, 'symbol').flatMap((s) => s.split(',')).map((s) => s.trim().toUpperCase()).filter(Boolean),
        keywords: option(args, 'keyword').flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
        token: config.apiKey,
        color: process.stdout.isTTY ?? false,
        after: after ? Number(after) : undefined,
      },
      process.stdout,
      process.stderr,
    );
    return;
  }
  if (cmd === 'backfill') {
    const from = option(args, 'from')[0];
    const to = option(args, 'to')[0];
    if (!from || !to) {
      console.error(USAGE);
      process.exit(2);
    }
    await backfillCommand(config, { from, to, source: option(args, 'source')[0] ?? 'demo' }, process.stderr);
    process.exit(0);
  }
  console.error(USAGE);
  process.exit(cmd ? 2 : 0);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
