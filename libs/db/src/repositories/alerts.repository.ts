import { Injectable } from '@nestjs/common';
import { PrismaService, type Statement } from '../prisma.service';
import type { Alert, Prisma } from '../generated/prisma/client';
import { page, type Page } from './pagination';

export interface AlertFilter {
  symbols?: string[];
  keywords?: string[];
  types?: string[];
}

@Injectable()
export class AlertsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts alerts whose dedupe key is new, in one statement on the hot path, with other
   * statements (`also`) in the same round trip and transaction: the alerts actually created, then
   * the rows of each of `also`. Rows given a `publishedAt` are claimed for their live event by
   * this insert.
   */
  async insertNew(alerts: Prisma.AlertCreateManyInput[], also: Statement[] = []): Promise<[Alert[], ...unknown[][]]> {
    if (!alerts.length) return [[], ...(also.length ? await this.prisma.together(also) : [])];
    const [created, ...rest] = await this.prisma.together([this.insertNewStatement(alerts), ...also]);
    return [created as Alert[], ...rest];
  }

  private insertNewStatement(alerts: Prisma.AlertCreateManyInput[]): Statement {
    const rows = alerts.map((a) => ({
      rule_id: a.ruleId ?? null,
      type: a.type,
      severity: a.severity,
      symbol: a.symbol ?? null,
      keyword: a.keyword ?? null,
      title: a.title,
      message: a.message,
      score: a.score ?? null,
      change_pct: a.changePct ?? null,
      article_ids: Array.isArray(a.articleIds) ? a.articleIds : [],
      evidence: a.evidence ?? {},
      dedupe_key: a.dedupeKey,
      event_time: new Date(a.eventTime).toISOString(),
      published_at: a.publishedAt ? new Date(a.publishedAt).toISOString() : null,
    }));
    return {
      text: `INSERT INTO "alerts" ("rule_id", "type", "severity", "symbol", "keyword", "title", "message", "score", "change_pct",
                             "article_ids", "evidence", "dedupe_key", "event_time", "published_at")
       SELECT rule_id, type, severity, symbol, keyword, title, message, score, change_pct, article_ids, evidence, dedupe_key, event_time, published_at
         FROM jsonb_to_recordset($1::jsonb) AS r(rule_id int, type text, severity text, symbol text, keyword text, title text, message text,
              score float8, change_pct float8, article_ids int[], evidence jsonb, dedupe_key text, event_time timestamp(3), published_at timestamp(3))
       ON CONFLICT ("dedupe_key") DO NOTHING
       RETURNING "id", "rule_id" AS "ruleId", "type", "severity", "symbol", "keyword", "title", "message", "score", "change_pct" AS "changePct",
                 "article_ids" AS "articleIds", "evidence", "dedupe_key" AS "dedupeKey", "event_time" AS "eventTime",
                 "published_at" AS "publishedAt", "created_at" AS "createdAt"`,
      values: [JSON.stringify(rows)],
    };
  }

  private where(f: AlertFilter, linked: Map<string, string[]>): Prisma.AlertWhereInput {
    const or: Prisma.AlertWhereInput[] = [];
    if (f.symbols?.length) {
      or.push({ symbol: { in: f.symbols } });
      const viaKeywords = [...linked.entries()].filter(([, syms]) => syms.some((s) => f.symbols!.includes(s))).map(([k]) => k);
      if (viaKeywords.length) or.push({ keyword: { in: viaKeywords, mode: 'insensitive' } });
    }
    if (f.keywords?.length) or.push({ keyword: { in: f.keywords, mode: 'insensitive' } });
    return { ...(or.length ? { OR: or } : {}), ...(f.types?.length ? { type: { in: f.types } } : {}) };
  }

  /** Alerts after an id, oldest first (replay), or the newest `limit` when no id is given. */
  async list(f: AlertFilter & { afterId?: number | null; beforeId?: number | null; limit: number }, linked = new Map<string, string[]>()): Promise<Page<Alert>> {
    const base = this.where(f, linked);
    if (f.afterId != null) {
      const rows = await this.prisma.alert.findMany({ where: { ...base, id: { gt: f.afterId } }, orderBy: { id: 'asc' }, take: f.limit + 1 });
      return page(rows, f.limit);
    }
    const rows = await this.prisma.alert.findMany({ where: { ...base, ...(f.beforeId ? { id: { lt: f.beforeId } } : {}) }, orderBy: { id: 'desc' }, take: f.limit + 1 });
    const p = page(rows, f.limit);
    return { items: p.items.reverse(), next: p.next };
  }

  /** Alerts of these dedupe keys whose live event never went out (the job died after the insert). */
  unpublished(dedupeKeys: string[]): Promise<Alert[]> {
    if (!dedupeKeys.length) return Promise.resolve([]);
    return this.prisma.alert.findMany({ where: { dedupeKey: { in: dedupeKeys }, publishedAt: null }, orderBy: { id: 'asc' } });
  }

  /**
   * Claims alerts for their live event: only the caller whose update sets `published_at` gets an
   * id back, so two workers evaluating the same candidate never both publish it.
   */
  async claimForPublish(ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await this.prisma.$queryRawUnsafe<{ id: number }[]>(
      'UPDATE alerts SET published_at = now() WHERE id = ANY($1::int[]) AND published_at IS NULL RETURNING id',
      ids,
    );
    return new Set(rows.map((r) => r.id));
  }

  find(id: number): Promise<Alert | null> {
    return this.prisma.alert.findUnique({ where: { id } });
  }

  count(where: Prisma.AlertWhereInput = {}): Promise<number> {
    return this.prisma.alert.count({ where });
  }
}
