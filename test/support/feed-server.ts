import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureItem {
  guid: string;
  title: string;
  summary?: string;
  link: string;
  published: Date;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rss(title: string, items: FixtureItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.test/</link><description>fixture</description>
${items
  .map(
    (i) =>
      `<item><guid isPermaLink="false">${esc(i.guid)}</guid><title>${esc(i.title)}</title><link>${esc(i.link)}</link><description>${esc(i.summary ?? '')}</description><pubDate>${i.published.toUTCString()}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

/** A loopback feed server whose documents a test sets per path; counts requests per path. */
export class FixtureFeedServer {
  private server: Server | null = null;
  readonly docs = new Map<string, { body: string; status?: number; headers?: Record<string, string> }>();
  readonly hits = new Map<string, number>();
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const doc = this.docs.get(path);
      if (!doc) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(doc.status ?? 200, { 'content-type': 'application/rss+xml; charset=utf-8', ...(doc.headers ?? {}) });
      res.end(doc.body);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  set(path: string, title: string, items: FixtureItem[]): void {
    this.docs.set(path, { body: rss(title, items) });
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
