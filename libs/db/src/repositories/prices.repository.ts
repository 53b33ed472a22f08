import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { PriceBar } from '../generated/prisma/client';

export interface BarInput {
  symbol: string;
  interval: string;
  time: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  source?: string | null;
}

@Injectable()
export class PricesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Multi-row upsert: a bar re-sent (retried job, corrected bar) replaces the stored one. */
  async upsertBars(bars: BarInput[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < bars.length; i += 1000) {
      const chunk = bars.slice(i, i + 1000);
      const cols = ['symbol', 'interval', 'time', 'open', 'high', 'low', 'close', 'volume', 'source'];
      const arrays = [
        chunk.map((b) => b.symbol),
        chunk.map((b) => b.interval),
        chunk.map((b) => b.time.toISOString()),
        chunk.map((b) => b.open),
        chunk.map((b) => b.high),
        chunk.map((b) => b.low),
        chunk.map((b) => b.close),
        chunk.map((b) => b.volume),
        chunk.map((b) => b.source ?? null),
      ];
      n += await this.prisma.$executeRawUnsafe(
        `INSERT INTO price_bars (${cols.join(',')})
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamp[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::text[])
         ON CONFLICT (symbol, interval, time) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low,
           close = EXCLUDED.close, volume = EXCLUDED.volume, source = EXCLUDED.source`,
        ...arrays,
      );
    }
    return n;
  }

  /** Per symbol, the end of the newest intraday bar in [from, to] (to re-evaluate after late news). */
  async latestBarEnd(symbols: string[], from: Date, to: Date): Promise<Map<string, Date>> {
    if (!symbols.length) return new Map();
    // After every articles job (hot path): plain SQL on the pool, not the Prisma client.
    const rows = await this.prisma.sql<{ symbol: string; time: Date }>(
      `SELECT "symbol", max("time") AS "time" FROM "price_bars" WHERE "symbol" = ANY($1::text[]) AND "interval" = '1m' AND "time" >= $2::timestamp(3) AND "time" <= $3::timestamp(3) GROUP BY "symbol"`,
      [symbols, from.toISOString(), to.toISOString()],
    );
    return new Map(rows.map((r) => [r.symbol, new Date(r.time.getTime() + 60_000)]));
  }

  range(symbol: string, interval: string, from: Date, to: Date, limit: number): Promise<PriceBar[]> {
    return this.prisma.priceBar.findMany({ where: { symbol, interval, time: { gte: from, lte: to } }, orderBy: { time: 'asc' }, take: limit });
  }

  /** The last bars at or before `asOf` (for price windows in a stateless signals worker). */
  /** Bars of several symbols in one round trip, oldest first. */
  async recentMany(symbols: string[], interval: string, from: Date, asOf: Date): Promise<PriceBar[]> {
    if (!symbols.length) return [];
    return this.prisma.read<PriceBar>(
      `SELECT "symbol", "interval", "time", "open", "high", "low", "close", "volume", "source", "created_at" AS "createdAt" FROM "price_bars" WHERE "symbol" = ANY($1::text[]) AND "interval" = $2 AND "time" >= $3::timestamp(3) AND "time" <= $4::timestamp(3)
        ORDER BY "time" LIMIT $5`,
      [symbols, interval, from.toISOString(), asOf.toISOString(), 5_000 * symbols.length],
    );
  }
}
