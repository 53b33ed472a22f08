import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { page, type Page } from './pagination';
import type { Keyword } from '../generated/prisma/client';

@Injectable()
export class KeywordsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(limit: number, afterId: number | null): Promise<Page<Keyword>> {
    const rows = await this.prisma.keyword.findMany({ where: afterId ? { id: { gt: afterId } } : {}, orderBy: { id: 'asc' }, take: limit + 1 });
    return page(rows, limit);
  }

  all(): Promise<Keyword[]> {
    return this.prisma.keyword.findMany({ orderBy: { term: 'asc' } });
  }

  upsert(data: { term: string; aliases?: string[]; symbols?: string[] }): Promise<Keyword> {
    return this.prisma.keyword.upsert({
      where: { term: data.term },
      create: { term: data.term, aliases: data.aliases ?? [], symbols: data.symbols ?? [] },
      update: { aliases: data.aliases ?? undefined, symbols: data.symbols ?? undefined },
    });
  }

  async seed(items: { term: string; symbols: string[] }[]): Promise<void> {
    await this.prisma.keyword.createMany({ data: items.map((k) => ({ term: k.term, symbols: k.symbols })), skipDuplicates: true });
  }

  delete(id: number): Promise<Keyword> {
    return this.prisma.keyword.delete({ where: { id } });
  }
}
