import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ArticlesRepository, articleToPayload, decodeCursor, PricesRepository } from '@seismo/db';
import { BUCKETS, ArticlesQueryDto, PricesQueryDto, SeriesQueryDto } from '../alerts/history.dto';
import { limitOf, SymbolPipe } from '../common/params';
import { badField } from '../common/validation';

const DAY = 86_400_000;

function range(from: Date | undefined, to: Date | undefined, defaultDays: number): [Date, Date] {
  const end = to ?? new Date();
  const start = from ?? new Date(end.getTime() - defaultDays * DAY);
  if (start > end) throw badField('from', 'must not be after to');
  return [start, end];
}

@ApiTags('history')
@Controller()
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly prices: PricesRepository,
  ) {}

  /** Newest first; `next` pages further back. Each article carries its per-target scores. */
  @Get('articles')
  async list(@Query() q: ArticlesQueryDto) {
    const p = await this.articles.list({ symbol: q.symbol, keyword: q.keyword, from: q.from, to: q.to, limit: limitOf(q.limit, 50), beforeId: decodeCursor(q.cursor) });
    return { items: p.items.map((a) => articleToPayload(a)), next: p.next };
  }

  /** Bucketed sentiment of one ticker: mean, relevance-weighted mean, and mention count per bucket. */
  @Get('sentiment/:symbol')
  async sentiment(@Param('symbol', SymbolPipe) symbol: string, @Query() q: SeriesQueryDto) {
    const [from, to] = range(q.from, q.to, 14);
    const bucket = q.bucket ?? '1h';
    if ((to.getTime() - from.getTime()) / 1000 / BUCKETS[bucket] > 20_000) throw badField('bucket', 'is too small for this range (more than 20000 buckets)');
    const rows = await this.articles.sentimentSeries('ticker', symbol, from, to, BUCKETS[bucket]);
    return {
      symbol,
      bucket,
      items: rows.map((r) => ({ time: r.time.toISOString(), mean: r.mean, weighted: r.weighted, count: Number(r.count), mentions: Number(r.count) })),
    };
  }

  @Get('prices/:symbol')
  async bars(@Param('symbol', SymbolPipe) symbol: string, @Query() q: PricesQueryDto) {
    const interval = q.interval ?? '1d';
    const [from, to] = range(q.from, q.to, interval === '1d' ? 365 : 5);
    const rows = await this.prices.range(symbol, interval, from, to, q.limit ?? 5_000);
    return {
      symbol,
      interval,
      items: rows.map((b) => ({ time: b.time.toISOString(), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume })),
    };
  }
}
