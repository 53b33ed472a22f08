import { Injectable } from '@nestjs/common';
import { PrismaService, type Statement } from '../prisma.service';
import type { Alert, Prisma, WebhookDelivery, WebhookEndpoint } from '../generated/prisma/client';
import { page, type Page } from './pagination';

@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(limit: number, afterId: number | null): Promise<Page<WebhookEndpoint>> {
    const rows = await this.prisma.webhookEndpoint.findMany({ where: afterId ? { id: { gt: afterId } } : {}, orderBy: { id: 'asc' }, take: limit + 1 });
    return page(rows, limit);
  }

  /** The enabled endpoints, read with every alert insert (hot path: one statement of that round trip). */
  enabledStatement(): Statement {
    return {
      text: `SELECT "id", "url", "secret", "format", "symbols", "keywords", "types", "min_severity" AS "minSeverity", "enabled", "created_at" AS "createdAt", "updated_at" AS "updatedAt"
         FROM "webhook_endpoints" WHERE "enabled" ORDER BY "id"`,
      values: [],
    };
  }

  create(data: Prisma.WebhookEndpointCreateInput): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.create({ data });
  }

  update(id: number, data: Prisma.WebhookEndpointUpdateInput): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.update({ where: { id }, data });
  }

  delete(id: number): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.delete({ where: { id } });
  }

  /** One delivery row per endpoint × alert; the unique pair makes a retried job harmless. */
  createDeliveries(rows: { endpointId: number; alertId: number }[]): Promise<WebhookDelivery[]> {
    if (!rows.length) return Promise.resolve([]);
    return this.prisma.webhookDelivery.createManyAndReturn({ data: rows, skipDuplicates: true });
  }

  delivery(id: number): Promise<(WebhookDelivery & { endpoint: WebhookEndpoint; alert: Alert }) | null> {
    return this.prisma.webhookDelivery.findUnique({ where: { id }, include: { endpoint: true, alert: true } });
  }

  recordAttempt(id: number, data: { ok: boolean; statusCode: number | null; error: string | null; final: boolean }): Promise<WebhookDelivery> {
    return this.prisma.webhookDelivery.update({
      where: { id },
      data: {
        attempts: { increment: 1 },
        lastStatusCode: data.statusCode,
        lastError: data.error,
        status: data.ok ? 'delivered' : data.final ? 'failed' : 'retrying',
        ...(data.ok ? { deliveredAt: new Date() } : {}),
      },
    });
  }

  async deliveries(endpointId: number, limit: number, beforeId: number | null): Promise<Page<WebhookDelivery>> {
    const rows = await this.prisma.webhookDelivery.findMany({
      where: { endpointId, ...(beforeId ? { id: { lt: beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    return page(rows, limit);
  }
}
