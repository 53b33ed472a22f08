import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { page, type Page } from './pagination';
import type { Feed } from '../generated/prisma/client';

export interface FeedOutcome {
  status: number | null;
  error: string | null;
  etag?: string | null;
  lastModified?: string | null;
  title?: string | null;
  newItems?: number;
  nextFetchAfter?: Date | null;
  hub?: string | null;
  self?: string | null;
}

@Injectable()
export class FeedsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(limit: number, afterId: number | null): Promise<Page<Feed>> {
    const rows = await this.prisma.feed.findMany({ where: afterId ? { id: { gt: afterId } } : {}, orderBy: { id: 'asc' }, take: limit + 1 });
    return page(rows, limit);
  }

  allEnabled(): Promise<Feed[]> {
    return this.prisma.feed.findMany({ where: { enabled: true }, orderBy: { id: 'asc' } });
  }

  find(id: number): Promise<Feed | null> {
    return this.prisma.feed.findUnique({ where: { id } });
  }

  create(data: { url: string; pollSeconds: number }): Promise<Feed> {
    return this.prisma.feed.create({ data });
  }

  update(id: number, data: { url?: string; pollSeconds?: number; enabled?: boolean }): Promise<Feed> {
    return this.prisma.feed.update({ where: { id }, data });
  }

  delete(id: number): Promise<Feed> {
    return this.prisma.feed.delete({ where: { id } });
  }

  /** Records one fetch: health, validators and counters, in one statement. */
  recordOutcome(id: number, o: FeedOutcome, at: Date): Promise<Feed> {
    const ok = o.error === null;
    return this.prisma.feed.update({
      where: { id },
      data: {
        lastFetchedAt: at,
        lastStatus: o.status,
        lastError: o.error,
        errorCount: ok ? 0 : { increment: 1 },
        ...(ok ? { lastSuccessAt: at } : {}),
        ...(o.etag !== undefined ? { etag: o.etag } : {}),
        ...(o.lastModified !== undefined ? { lastModified: o.lastModified } : {}),
        ...(o.title ? { title: o.title } : {}),
        ...(o.newItems ? { itemsSeen: { increment: o.newItems } } : {}),
        nextFetchAfter: o.nextFetchAfter ?? null,
        ...(o.hub !== undefined ? { websubHub: o.hub } : {}),
        ...(o.self !== undefined ? { websubTopic: o.self } : {}),
      },
    });
  }

  setWebSub(id: number, data: { secret?: string; leaseUntil?: Date | null }): Promise<Feed> {
    return this.prisma.feed.update({ where: { id }, data: { websubSecret: data.secret, websubLeaseUntil: data.leaseUntil } });
  }
}
