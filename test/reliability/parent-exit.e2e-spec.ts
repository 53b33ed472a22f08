import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` under a supervisor: npm exits on SIGTERM without passing it on to
 * `scripts/run.mjs`, which must then stop the apps itself (`scripts/parent-watch.mjs`). Here a
 * shell stands for npm: the script under it notices the shell's exit and stops.
 */
describe('run.mjs stops when the npm that started it exits', () => {
  it('calls back within a second of the parent exiting, and not before', async () => {
    const watch = fileURLToPath(new URL('../../scripts/parent-watch.mjs', import.meta.url));
    const child = `import { onParentExit } from ${JSON.stringify(watch)};
      console.log('ready');
      const start = Date.now();
      onParentExit(() => { console.log('parent-exit ' + (Date.now() - start)); process.exit(0); }, 100);
      setInterval(() => {}, 1000);`;
    // sh starts the script in the background and waits: the script's parent is the shell.
    const shell = spawn('sh', ['-c', `"${process.execPath}" --input-type=module -e '${child.replace(/'/g, `'\\''`)}' & wait`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no "${text}" within 10 s: ${out}`)), 10_000);
        const check = () => out.includes(text) && (clearTimeout(t), resolve());
        shell.stdout!.on('data', (d: Buffer) => ((out += d.toString()), check()));
        check();
      });
    await seen('ready');
    await new Promise((r) => setTimeout(r, 500));
    expect(out).not.toContain('parent-exit'); // the parent is still there
    shell.kill('SIGKILL');
    await seen('parent-exit');
    const waited = Number(/parent-exit (\d+)/.exec(out)![1]);
    expect(waited).toBeGreaterThanOrEqual(500);
  });
});
