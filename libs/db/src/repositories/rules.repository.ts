import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { AlertRule, Prisma } from '../generated/prisma/client';
import { page, type Page } from './pagination';

@Injectable()
export class RulesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(limit: number, afterId: number | null): Promise<Page<AlertRule>> {
    const rows = await this.prisma.alertRule.findMany({ where: afterId ? { id: { gt: afterId } } : {}, orderBy: { id: 'asc' }, take: limit + 1 });
    return page(rows, limit);
  }

  /** Enabled rules that apply to a target: its own, plus the defaults (no symbol and no keyword). */
  forTarget(target: { symbol?: string; keyword?: string }): Promise<AlertRule[]> {
    return this.prisma.alertRule.findMany({
      where: {
        enabled: true,
        OR: [
          { symbol: null, keyword: null },
          ...(target.symbol ? [{ symbol: target.symbol }] : []),
          ...(target.keyword ? [{ keyword: { equals: target.keyword, mode: 'insensitive' as const } }] : []),
        ],
      },
      orderBy: { id: 'asc' },
    });
  }

  /** Every enabled rule (one query per evaluation; the caller matches them to targets). */
  /** Enabled rules, in id order (hot path: every signals job reads them). */
  allEnabled(): Promise<AlertRule[]> {
    return this.prisma.read<AlertRule>(
      `SELECT "id", "type", "symbol", "keyword", "params", "severity", "cooldown_seconds" AS "cooldownSeconds", "enabled",
              "is_default" AS "isDefault", "created_at" AS "createdAt", "updated_at" AS "updatedAt"
         FROM "alert_rules" WHERE "enabled" ORDER BY "id"`,
    );
  }

  find(id: number): Promise<AlertRule | null> {
    return this.prisma.alertRule.findUnique({ where: { id } });
  }

  count(): Promise<number> {
    return this.prisma.alertRule.count();
  }

  create(data: Prisma.AlertRuleCreateInput): Promise<AlertRule> {
    return this.prisma.alertRule.create({ data });
  }

  /**
   * Creates the default rules when there are no rules at all. Workers that start together would
   * each see an empty table (and every alert would then fire once per copy of its rule): an
   * advisory lock makes the check and the insert one step across processes.
   */
  async createDefaults(rules: Prisma.AlertRuleCreateManyInput[]): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(72707370)');
      if ((await tx.alertRule.count()) > 0) return false;
      await tx.alertRule.createMany({ data: rules });
      return true;
    });
  }

  update(id: number, data: Prisma.AlertRuleUpdateInput): Promise<AlertRule> {
    return this.prisma.alertRule.update({ where: { id }, data });
  }

  delete(id: number): Promise<AlertRule> {
    return this.prisma.alertRule.delete({ where: { id } });
  }
}
