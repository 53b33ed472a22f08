import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { page, type Page } from './pagination';
import type { Ticker } from '../generated/prisma/client';

@Injectable()
export class TickersRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(limit: number, afterId: number | null): Promise<Page<Ticker>> {
    const rows = await this.prisma.ticker.findMany({ where: afterId ? { id: { gt: afterId } } : {}, orderBy: { id: 'asc' }, take: limit + 1 });
    return page(rows, limit);
  }

  all(): Promise<Ticker[]> {
    return this.prisma.ticker.findMany({ orderBy: { symbol: 'asc' } });
  }

  upsert(data: { symbol: string; name?: string | null; aliases?: string[]; exchange?: string | null }): Promise<Ticker> {
    return this.prisma.ticker.upsert({
      where: { symbol: data.symbol },
      create: { symbol: data.symbol, name: data.name ?? null, aliases: data.aliases ?? [], exchange: data.exchange ?? null },
      update: { name: data.name ?? undefined, aliases: data.aliases ?? undefined, exchange: data.exchange ?? undefined },
    });
  }

  async seed(symbols: string[]): Promise<void> {
    await this.prisma.ticker.createMany({ data: symbols.map((symbol) => ({ symbol })), skipDuplicates: true });
  }

  delete(symbol: string): Promise<Ticker> {
    return this.prisma.ticker.delete({ where: { symbol } });
  }
}
