import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule, type AppConfig } from '@seismo/config';
import type { NormalizedItemData } from '@seismo/contracts';
import { DbModule, PrismaService } from '@seismo/db';
import { normalizeItems, type ParsedFeed } from '@seismo/feeds';
import { loadBarFile } from '@seismo/market';
import { ArticlesProducer, PricesProducer, QueuesModule, RedisModule } from '@seismo/queues';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BackfillOptions {
  from: string;
  to: string;
  source: string;
}

interface ReplayHeadline {
  id: string;
  source: string;
  publishedAt: string;
  title: string;
  summary: string;
  url: string;
  feed: string;
}

/** Replay sources: `demo` (the DeepSeek week shipped in apps/demo/data) or a directory with the same three files. */
function sourceFiles(source: string) {
  // From source (apps/cli/src) or from the build (dist/apps/cli/src): the repository's apps/demo/data.
  const demo = ['../../../apps/demo/data/', '../../../../apps/demo/data/'].map((p) => fileURLToPath(new URL(p, import.meta.url))).find((d) => existsSync(`${d}headlines.jsonl`));
  const dir = source === 'demo' ? (demo ?? 'apps/demo/data/') : source.replace(/\/?$/, '/');
  const files = { headlines: `${dir}headlines.jsonl`, intraday: `${dir}prices-intraday.csv`, daily: `${dir}prices-daily.csv` };
  for (const f of Object.values(files)) if (!existsSync(f)) throw new Error(`replay source ${source}: ${f} not found`);
  return files;
}

export function bar(done: number, total: number, width = 30): string {
  const frac = total ? Math.min(1, done / total) : 1;
  const full = Math.round(frac * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${total}`;
}

/**
 * `npm run cli -- backfill --from … --to …`: pushes a replay source's articles and bars for the
 * range through the same queues as live ingestion (a worker must be running), with a progress bar.
 */
export async function backfillCommand(config: AppConfig, opts: BackfillOptions, out: NodeJS.WritableStream): Promise<void> {
  const from = Date.parse(opts.from);
  const to = Date.parse(opts.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) throw new Error('--from and --to must be ISO dates with from < to');
  const files = sourceFiles(opts.source);
  const headlines = readFileSync(files.headlines, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ReplayHeadline)
    .filter((h) => Date.parse(h.publishedAt) >= from && Date.parse(h.publishedAt) < to);
  const bars = [...(await loadBarFile(files.intraday)), ...(await loadBarFile(files.daily))].filter((b) => b.time >= from && b.time < to);

  @Module({ imports: [AppConfigModule.forRoot(config), DbModule, RedisModule, QueuesModule] })
  class BackfillModule {}
  const app = await NestFactory.createApplicationContext(BackfillModule, { logger: ['error'] });
  try {
    const byFeed = new Map<string, ReplayHeadline[]>();
    for (const h of headlines) byFeed.set(h.feed, [...(byFeed.get(h.feed) ?? []), h]);
    const items: NormalizedItemData[] = [];
    for (const [feed, hs] of byFeed) {
      const parsed: ParsedFeed = {
        format: 'rss',
        title: hs[0].source,
        link: null,
        language: 'en',
        hub: null,
        self: null,
        items: hs.map((h) => ({ guid: h.id, link: h.url, title: h.title, summary: h.summary, published: h.publishedAt, author: null, language: null, categories: [] })),
      } as ParsedFeed;
      items.push(...normalizeItems(parsed, { fetchedAt: new Date(to), feedUrl: `replay://${opts.source}/${feed}` }));
    }
    items.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
    await app.get(ArticlesProducer).addBatches({ feedId: null, items }, 100);
    const prices = app.get(PricesProducer);
    const sorted = bars.sort((a, b) => a.time - b.time);
    for (let i = 0; i < sorted.length; i += 500) {
      await prices.addBars({
        bars: sorted.slice(i, i + 500).map((b) => ({ symbol: b.symbol, interval: b.interval, time: new Date(b.time).toISOString(), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, source: `replay:${opts.source}` })),
      });
    }
    out.write(`queued ${items.length} articles and ${bars.length} bars from ${opts.source} (${opts.from} .. ${opts.to}); waiting for the worker…\n`);
    const prisma = app.get(PrismaService);
    const hashes = items.map((i) => i.contentHash);
    let done = 0;
    let stalled = 0;
    for (;;) {
      const n = await prisma.article.count({ where: { contentHash: { in: hashes } } });
      stalled = n === done ? stalled + 1 : 0;
      done = n;
      out.write(`\r${bar(done, items.length)} articles stored`);
      if (done >= items.length) break;
      if (stalled > 120) {
        out.write(`\nno progress for a minute: is a worker running (npm run start:worker)?\n`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    out.write('\n');
  } finally {
    await app.close();
  }
}
