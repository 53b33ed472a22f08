/** A loopback RSS server for many feeds; serves an empty channel until armed, then every item. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Headline } from './headlines';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function rss(title: string, items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>https://news.example.test/</link><description>bench</description>
${items.join('\n')}
</channel></rss>`;
}

export class BenchFeedServer {
  private server: Server | null = null;
  private docs: string[] = [];
  private readonly empty: string[] = [];
  armed = false;
  requests = 0;
  url = '';

  /**
   * `feeds` feeds of `perFeed` items each, newest first, published over the last `spanMs`.
   * Items are unique per `tag` (guid, link and text), so each run's items are all new.
   */
  constructor(readonly feeds: number, readonly perFeed: number, texts: Headline[], tag: string, spanMs = 6 * 3_600_000) {
    const now = Date.now();
    for (let f = 0; f < feeds; f++) {
      const items: string[] = [];
      for (let k = 0; k < perFeed; k++) {
        const h = texts[(f * perFeed + k) % texts.length];
        const published = new Date(now - 60_000 - Math.floor((k / perFeed) * spanMs));
        items.push(
          `<item><guid isPermaLink="false">${tag}-${f}-${k}</guid><title>${esc(h.title)}</title><link>https://news.example.test/${tag}/${f}/${k}</link><description>${esc(h.summary)}</description><pubDate>${published.toUTCString()}</pubDate></item>`,
        );
      }
      this.docs.push(rss(`Bench wire ${f}`, items));
      this.empty.push(rss(`Bench wire ${f}`, []));
    }
  }

  path(f: number): string {
    return `/feed/${f}.xml`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests++;
      const m = /^\/feed\/(\d+)\.xml/.exec(req.url ?? '');
      const f = m ? Number(m[1]) : -1;
      if (f < 0 || f >= this.feeds) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(this.armed ? this.docs[f] : this.empty[f]);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
