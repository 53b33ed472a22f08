import { Injectable, Logger } from '@nestjs/common';
import type { EvaluateSignalsJobData } from '@seismo/contracts';
import {
  AlertsRepository,
  alertToPayload,
  ArticlesRepository,
  PricesRepository,
  RulesRepository,
  SignalStateRepository,
  WebhooksRepository,
  type Alert,
  type Prisma,
} from '@seismo/db';
import { PriceWindows, type Bar } from '@seismo/market';
import { DeliveriesProducer, EventsPublisher } from '@seismo/queues';
import { applyDecisions, evaluateRules, isSnoozed, ruleApplies, type Candidate, type Observation, type RuleConfig, type StoryInfo, type Target } from '@seismo/signals';
import { WatchlistCache } from '../articles/watchlist.cache';
import { matchesEndpoint } from '../deliveries/webhook.format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A daily bar (stamped 00:00 UTC of its session) is complete at the US close, 21:00 UTC at the latest. */
const DAILY_CLOSE_MS = 21 * HOUR;

/**
 * Evaluates the rules of each touched target at event time: windows come from Postgres (so any
 * replica can evaluate), cooldown/hysteresis state from `signal_states`, and alerts are inserted
 * under a unique dedupe key, so a retried or duplicated job never creates a second alert.
 */
@Injectable()
export class SignalEvaluationService {
  private readonly logger = new Logger(SignalEvaluationService.name);

  constructor(
    private readonly rules: RulesRepository,
    private readonly articles: ArticlesRepository,
    private readonly prices: PricesRepository,
    private readonly states: SignalStateRepository,
    private readonly alerts: AlertsRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly events: EventsPublisher,
    private readonly deliveries: DeliveriesProducer,
    private readonly watchlist: WatchlistCache,
  ) {}

  async evaluate(job: EvaluateSignalsJobData): Promise<{ alerts: number }> {
    const asOf = Date.parse(job.asOf);
    const targets: Target[] = [...job.symbols.map((key) => ({ type: 'ticker' as const, key })), ...job.keywords.map((key) => ({ type: 'keyword' as const, key }))];
    const [snoozes, enabled] = await Promise.all([this.states.activeSnoozes(new Date()), this.rules.allEnabled()]);
    const allRules = enabled as unknown as RuleConfig[];
    const created: Alert[] = [];
    const nextStates: { key: string; armed: boolean; lastFiredAt: Date | null; lastValue: number | null }[] = [];
    for (const target of targets) {
      const rules = allRules.filter((r) => ruleApplies(r, target));
      if (!rules.length) continue;
      const [observations, price] = await Promise.all([
        this.observations(target, asOf, rules),
        target.type === 'ticker' ? this.priceView(target.key, asOf) : Promise.resolve(null),
      ]);
      const stories = new Map<number, StoryInfo>();
      for (const o of observations) {
        if (o.storyId == null) continue;
        const s = stories.get(o.storyId) ?? { id: o.storyId, title: o.title, sources: [], articleIds: [] };
        if (o.source && !s.sources!.includes(o.source)) s.sources!.push(o.source);
        s.articleIds!.push(o.articleId);
        stories.set(o.storyId, s);
      }
      const evaluations = evaluateRules({ rules, target, observations, price, asOf, stories, triggerArticleIds: job.articleIds ?? null });
      const keys = [...new Set(evaluations.map((e) => e.stateKey))];
      const loaded = await this.states.get(keys);
      const prior = new Map(
        [...loaded.entries()].map(([k, s]) => [k, { armed: s.armed, lastFiredAt: s.lastFiredAt?.getTime() ?? null, lastValue: s.lastValue }]),
      );
      const { fire, states } = applyDecisions(evaluations, prior, asOf);
      const toInsert = fire.filter((c) => !isSnoozed(snoozes, c.target, Date.now()));
      const inserted = await this.alerts.insertNew(toInsert.map((c) => this.row(c, observations)));
      created.push(...inserted);
      // A retried job: alerts it inserted before dying were never sent live; send them now.
      if (inserted.length < toInsert.length) {
        const done = new Set(inserted.map((a) => a.dedupeKey));
        created.push(...(await this.alerts.unpublished(toInsert.map((c) => c.dedupeKey).filter((k) => !done.has(k)))));
      }
      for (const [key, s] of states) nextStates.push({ key, armed: s.armed, lastFiredAt: s.lastFiredAt ? new Date(s.lastFiredAt) : null, lastValue: s.lastValue });
    }
    // Alerts go out first; the states follow in one statement. A crash in between re-evaluates on
    // retry, finds the alerts already stored (dedupe key) and already claimed, and sends nothing twice.
    if (created.length) await this.fanOut(created);
    await this.states.put(nextStates);
    return { alerts: created.length };
  }

  private async observations(target: Target, asOf: number, rules: RuleConfig[]): Promise<Observation[]> {
    const spanMinutes = Math.max(
      7 * 24 * 60 + 360,
      ...rules.map((r) => {
        const p = (r.params ?? {}) as Record<string, unknown>;
        return Number(p.baselineMinutes ?? 0) + Number(p.recentMinutes ?? p.windowMinutes ?? 0);
      }),
    );
    const rows = await this.articles.observations(target.type, target.type === 'ticker' ? target.key : target.key.toLowerCase(), new Date(asOf - spanMinutes * 60_000), new Date(asOf));
    return rows.map((r) => ({ t: r.publishedAt.getTime(), score: r.score, relevance: r.relevance, articleId: r.articleId, storyId: r.storyId, source: r.source, title: r.title }));
  }

  private async priceView(symbol: string, asOf: number) {
    const [daily, minute] = await Promise.all([
      this.prices.recent(symbol, '1d', new Date(asOf - 30 * DAY), new Date(asOf)),
      this.prices.recent(symbol, '1m', new Date(asOf - 2 * DAY), new Date(asOf)),
    ]);
    if (!daily.length && !minute.length) return null;
    const w = new PriceWindows();
    const toBar = (b: (typeof daily)[number]): Bar => ({ symbol, interval: b.interval as Bar['interval'], time: b.time.getTime(), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume });
    // A daily bar is only known once its session has closed: never let a day's close leak into that day.
    w.addAll(daily.filter((b) => b.time.getTime() + DAILY_CLOSE_MS <= asOf).map(toBar));
    w.addAll(minute.map(toBar));
    return w.view(symbol);
  }

  private row(c: Candidate, observations: Observation[]): Prisma.AlertCreateManyInput {
    const byId = new Map(observations.map((o) => [o.articleId, o]));
    const evidenceArticles = c.articleIds.slice(0, 20).map((id) => {
      const o = byId.get(id);
      return { id, title: o?.title ?? null, source: o?.source ?? null, publishedAt: o ? new Date(o.t).toISOString() : null, score: o?.score ?? null };
    });
    return {
      ruleId: typeof c.ruleId === 'number' ? c.ruleId : null,
      type: c.type,
      severity: c.severity,
      symbol: c.symbol,
      keyword: c.keyword,
      title: c.title,
      message: c.message,
      score: c.score ?? null,
      changePct: c.changePct ?? null,
      articleIds: c.articleIds,
      evidence: { ...c.evidence, articles: evidenceArticles } as Prisma.InputJsonValue,
      dedupeKey: c.dedupeKey,
      eventTime: new Date(c.eventTime),
    };
  }

  /** After commit: claim each alert's live event (once across workers), publish it, then webhooks. */
  private async fanOut(stored: Alert[]): Promise<void> {
    const claimed = await this.alerts.claimForPublish(stored.map((a) => a.id));
    const created = stored.filter((a) => claimed.has(a.id));
    if (!created.length) return;
    const w = await this.watchlist.get();
    const payloads = created.map((a) => alertToPayload(a, a.keyword ? w.links.get(a.keyword.toLowerCase()) : undefined));
    await this.events.publishMany(payloads.map((alert) => ({ kind: 'alert' as const, alert })));
    const endpoints = await this.webhooks.enabled();
    const rows = payloads.flatMap((p) => endpoints.filter((e) => matchesEndpoint(e, p)).map((e) => ({ endpointId: e.id, alertId: p.id })));
    const deliveries = await this.webhooks.createDeliveries(rows);
    await this.deliveries.deliver(deliveries.map((d) => d.id));
    for (const p of payloads) this.logger.log(`alert #${p.id} ${p.severity} ${p.type} ${p.symbol ?? p.keyword}: ${p.title}`);
  }
}
