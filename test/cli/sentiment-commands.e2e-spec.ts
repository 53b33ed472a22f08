import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench:accuracy` and `npm run train:sentiment` as commands: the built entry points run,
 * write their output and exit 0 (an entry point that only defines `main` would do nothing).
 */
const ROOT = process.cwd();
const DATA = join(ROOT, '..', 'shared', 'data');
const TFNS_TRAIN = join(DATA, 'twitter_financial_news', 'sent_train.csv');
const run = (script: string, args: string[]) => spawnSync(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });

describe('sentiment commands (built entry points)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'seismo-sentiment-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bench:accuracy writes the accuracy table, or says that it found no data set', () => {
    const doc = join(dir, 'accuracy.md');
    const r = run('dist/libs/sentiment/src/eval/accuracy.main.js', ['--doc', doc, '--data-dir', DATA, '--errors', '0']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    if (!existsSync(DATA)) {
      expect(r.stdout).toContain('no data sets found; nothing to do');
      expect(existsSync(doc)).toBe(false);
      return;
    }
    expect(r.stdout).toContain(`accuracy: wrote ${doc}`);
    const text = readFileSync(doc, 'utf8');
    expect(text).toContain('<!-- accuracy:begin');
    expect(text).toMatch(/\| Seismo[^|]*\| \d+\.\d/);
  });

  it('train:sentiment rebuilds the committed weights byte for byte from the TFNS training split', () => {
    // Without ../shared/data there is nothing to train on: the command is checked where the data is.
    if (!existsSync(TFNS_TRAIN)) return;
    const out = join(dir, 'weights.ts');
    const r = run('dist/libs/sentiment/src/train/train.main.js', ['--data-dir', DATA, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`train: wrote ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'libs/sentiment/src/model/weights.ts'), 'utf8'));
  });
});
