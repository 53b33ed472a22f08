import { Injectable, Logger } from '@nestjs/common';
import type { EvaluateSignalsJobData } from '@seismo/contracts';
import {
  AlertsRepository,
  alertToPayload,
  PricesRepository,
  RulesRepository,
  SignalStateRepository,
  WebhooksRepository,
  type Alert,
  type Prisma,
  type WebhookEndpoint,
} from '@seismo/db';
import { PriceWindows, type Bar } from '@seismo/market';
import { DeliveriesProducer, EventsPublisher } from '@seismo/queues';
import {
  applyDecisions,
  evaluateRules,
  isSnoozed,
  ruleApplies,
  stateKeyOf,
  targetKey,
  type Candidate,
  type Observation,
  type PriceView,
  type RuleConfig,
  type SignalState,
  type Target,
} from '@seismo/signals';
import { WatchlistCache } from '../articles/watchlist.cache';
import { matchesEndpoint } from '../deliveries/webhook.format';
import { ObservationCache } from './observation-cache';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A daily bar (stamped 00:00 UTC of its session) is complete at the US close, 21:00 UTC at the latest. */
const DAILY_CLOSE_MS = 21 * HOUR;
/** Points of one job whose bars are read together. */
const PRICE_SPAN_MS = DAY;

/**
 * Evaluates the rules of each touched target at event time: windows come from Postgres (so any
 * replica can evaluate), cooldown/hysteresis state from `signal_states`, and alerts are inserted
 * under a unique dedupe key, so a retried or duplicated job never creates a second alert.
 */
@Injectable()
export class SignalEvaluationService {
  private readonly logger = new Logger(SignalEvaluationService.name);
  /** The enabled rules the previous evaluation read, and their JSON (to compare with the next read). */
  private lastRules: { rules: RuleConfig[]; fingerprint: string } | null = null;
  /** The previous evaluation took waiting jobs with its own: a backlog, where early reads would be made twice. */
  private lastGathered = false;

  constructor(
    private readonly rules: RulesRepository,
    private readonly prices: PricesRepository,
    private readonly states: SignalStateRepository,
    private readonly alerts: AlertsRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly events: EventsPublisher,
    private readonly deliveries: DeliveriesProducer,
    private readonly watchlist: WatchlistCache,
    private readonly cache: ObservationCache,
  ) {}

  /**
   * Evaluates a job's points. `input` may still be in the making (the processor gathering the
   * waiting jobs into it) while `known`, the job BullMQ handed over, is already here: with the
   * rules of the previous evaluation, its windows, bars and states are read in the same round as
   * the rules themselves, the snoozes and the gathering. If the rules read then differ from the
   * previous ones in any field, or other jobs were gathered, the reads are made again for what
   * the evaluation really needs: an evaluation always uses the rules it read, as before. After an
   * evaluation that gathered other jobs (a backlog), the next one does not read early.
   */
  async evaluate(input: EvaluateSignalsJobData | Promise<EvaluateSignalsJobData>, known?: EvaluateSignalsJobData): Promise<{ alerts: number }> {
    const previous = this.lastRules;
    // Only when jobs come one at a time (then latency matters): in a backlog the job is merged
    // with others, and the early reads would be thrown away.
    const guess = known && previous && !this.lastGathered ? this.plan(known, previous.rules) : null;
    const early = guess ? this.read(guess) : null;
    // Settled here if it is not used; awaited below if it is.
    early?.catch(() => undefined);
    const [job, snoozes, enabled] = await Promise.all([input, this.states.activeSnoozes(new Date()), this.rules.allEnabled()]);
    const rules = enabled as unknown as RuleConfig[];
    const fingerprint = JSON.stringify(rules);
    this.lastRules = { rules, fingerprint };
    this.lastGathered = known !== undefined && job !== known;
    let plan: Plan | null;
    let reads: Reads;
    if (guess && early && job === known && previous!.fingerprint === fingerprint) {
      plan = guess;
      reads = await early;
    } else {
      // The windows are not refreshed twice at once.
      await early?.catch(() => undefined);
      plan = this.plan(job, rules);
      if (!plan) return { alerts: 0 };
      reads = await this.read(plan);
    }
    const { points, rulesOf, stateKeys, priceSpan } = plan;
    let prices = reads.prices;
    const stored = reads.stored;

    // Points in event order; each sees the cooldown and hysteresis states the previous ones left.
    const states = new Map<string, SignalState>();
    for (const [k, s] of stored) states.set(k, { armed: s.armed, lastFiredAt: s.lastFiredAt?.getTime() ?? null, lastValue: s.lastValue });
    const loaded = new Set<string>(stateKeys);
    const changed = new Set<string>();
    const rows: Prisma.AlertCreateManyInput[] = [];
    const dedupeKeys: string[] = [];
    for (const p of points) {
      if (p.asOf > prices.upTo) prices = priceSpan(p.asOf);
      const bars = await prices.histories;
      for (const target of p.targets) {
        const rules = rulesOf.get(targetKey(target))!;
        if (!rules.length) continue;
        const observations = this.cache.observations(target, p.asOf);
        const price = target.type === 'ticker' ? (bars.get(target.key)?.at(p.asOf) ?? null) : null;
        // The stories `breaking` asks about are those of this window: it groups them itself, once.
        const evaluations = evaluateRules({ rules, target, observations, price, asOf: p.asOf, storiesFromWindow: true, triggerArticleIds: p.articleIds, prepared: true });
        const missing = [...new Set(evaluations.map((e) => e.stateKey))].filter((k) => !loaded.has(k));
        if (missing.length) {
          for (const [k, s] of await this.states.get(missing)) states.set(k, { armed: s.armed, lastFiredAt: s.lastFiredAt?.getTime() ?? null, lastValue: s.lastValue });
          for (const k of missing) loaded.add(k);
        }
        const decided = applyDecisions(evaluations, states, p.asOf);
        for (const [k, s] of decided.states) {
          states.set(k, s);
          changed.add(k);
        }
        for (const c of decided.fire) {
          if (isSnoozed(snoozes, c.target, Date.now())) continue;
          rows.push(this.row(c, observations));
          dedupeKeys.push(c.dedupeKey);
        }
      }
    }
    const writes = [...changed].map((key) => {
      const s = states.get(key)!;
      return { key, armed: s.armed, lastFiredAt: s.lastFiredAt ? new Date(s.lastFiredAt) : null, lastValue: s.lastValue };
    });
    if (!rows.length) {
      await this.states.put(writes);
      return { alerts: 0 };
    }
    // The alerts, the states and the read of the webhooks they may go to, in one round trip and
    // one transaction, before the live events: nothing of the job's bookkeeping is left to compete
    // with the fan-out for the CPU. Inserted rows are claimed for their live event at once
    // (`published_at`). A crash after the commit re-evaluates on retry: the states hold the
    // firing (cooldown), and an alert fired again finds its row stored and claimed. Nothing is
    // sent twice. A retried job finds the alerts it stored but never sent (dedupe key,
    // `published_at` null) and claims those.
    const stateWrite = this.states.putStatement(writes);
    const [inserted, ...also] = await this.alerts.insertNew(rows, [this.webhooks.enabledStatement(), ...(stateWrite ? [stateWrite] : [])]);
    const endpoints = also[0] as WebhookEndpoint[];
    let created: Alert[] = inserted;
    if (inserted.length < rows.length) {
      const done = new Set(inserted.map((a) => a.dedupeKey));
      const unsent = await this.alerts.unpublished(dedupeKeys.filter((k) => !done.has(k)));
      const claimed = await this.alerts.claimForPublish(unsent.map((a) => a.id));
      created = [...inserted, ...unsent.filter((a) => claimed.has(a.id))];
    }
    if (created.length) await this.fanOut(created, endpoints);
    return { alerts: created.length };
  }

  /** What evaluating `job` under `rules` reads: its points, the targets that have rules, their state keys; null when there is nothing to evaluate. */
  private plan(job: EvaluateSignalsJobData, rules: RuleConfig[]): Plan | null {
    const points = (job.points?.length ? job.points : [job])
      .map((p) => ({ asOf: Date.parse(p.asOf), articleIds: p.articleIds ?? null, targets: targetsOf(p) }))
      .filter((p) => Number.isFinite(p.asOf))
      .sort((a, b) => a.asOf - b.asOf);
    if (!points.length) return null;
    // The rules of each target, once; targets without rules are not evaluated (nor read).
    const rulesOf = new Map<string, RuleConfig[]>();
    for (const p of points) {
      for (const t of p.targets) {
        const key = targetKey(t);
        if (!rulesOf.has(key)) rulesOf.set(key, rules.filter((r) => ruleApplies(r, t)));
      }
    }
    const live = uniqueTargets(points.flatMap((p) => p.targets)).filter((t) => rulesOf.get(targetKey(t))!.length);
    if (!live.length) return null;
    const tickers = live.filter((t) => t.type === 'ticker').map((t) => t.key);
    // Bars are read for a day of points at a time (a merged backlog can span days; one read over
    // all of it would be large, and a row limit would cut off its newest bars).
    const priceSpan = (from: number): PriceSpan => {
      const upTo = points.filter((p) => p.asOf <= from + PRICE_SPAN_MS).at(-1)!.asOf;
      return { from, upTo, histories: this.priceHistories(tickers, from, upTo) };
    };
    // Every rule's state on every target has a known key: read them with the windows and bars.
    const stateKeys = [...new Set(live.flatMap((t) => rulesOf.get(targetKey(t))!.map((r) => stateKeyOf(r.type, r.id, t))))];
    return { points, rules, rulesOf, live, first: points[0].asOf, stateKeys, priceSpan };
  }

  /** A plan's reads, in one round: the windows caught up, the first day's bars, the rule states. */
  private async read(plan: Plan): Promise<Reads> {
    const prices = plan.priceSpan(plan.first);
    const [, , stored] = await Promise.all([this.cache.refresh(plan.live, plan.first - spanMinutesOf(plan.rules) * 60_000), prices.histories, this.states.get(plan.stateKeys)]);
    return { prices, stored };
  }

  /** Daily (30 days) and minute (2 days) bars of the symbols around the points, in one read each. */
  private async priceHistories(symbols: string[], first: number, last: number): Promise<Map<string, PriceHistory>> {
    if (!symbols.length) return new Map();
    const [daily, minute] = await Promise.all([
      this.prices.recentMany(symbols, '1d', new Date(first - 30 * DAY), new Date(last)),
      this.prices.recentMany(symbols, '1m', new Date(first - 2 * DAY), new Date(last)),
    ]);
    const toBar = (b: (typeof daily)[number]): Bar => ({ symbol: b.symbol, interval: b.interval as Bar['interval'], time: b.time.getTime(), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume });
    const out = new Map<string, PriceHistory>();
    for (const s of symbols) out.set(s, new PriceHistory(s));
    for (const b of daily) out.get(b.symbol)?.daily.push(toBar(b));
    for (const b of minute) out.get(b.symbol)?.minute.push(toBar(b));
    return out;
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
      // Claimed for its live event by the insert itself (see `evaluate`).
      publishedAt: new Date(),
    };
  }

  /** Alerts claimed by this job (`published_at` set by it): publish them live, then to the webhooks (`endpoints`, the enabled ones). */
  private async fanOut(created: Alert[], endpoints: WebhookEndpoint[]): Promise<void> {
    const w = await this.watchlist.get();
    const payloads = created.map((a) => alertToPayload(a, a.keyword ? w.links.get(a.keyword.toLowerCase()) : undefined));
    await this.events.publishMany(payloads.map((alert) => ({ kind: 'alert' as const, alert })));
    const rows = payloads.flatMap((p) => endpoints.filter((e) => matchesEndpoint(e, p)).map((e) => ({ endpointId: e.id, alertId: p.id })));
    const deliveries = await this.webhooks.createDeliveries(rows);
    await this.deliveries.deliver(deliveries.map((d) => d.id));
    for (const p of payloads) this.logger.log(`alert #${p.id} ${p.severity} ${p.type} ${p.symbol ?? p.keyword}: ${p.title}`);
  }
}

interface PriceSpan {
  from: number;
  upTo: number;
  histories: Promise<Map<string, PriceHistory>>;
}

interface Plan {
  points: { asOf: number; articleIds: number[] | null; targets: Target[] }[];
  rules: RuleConfig[];
  rulesOf: Map<string, RuleConfig[]>;
  /** Targets with at least one rule. */
  live: Target[];
  first: number;
  stateKeys: string[];
  priceSpan: (from: number) => PriceSpan;
}

interface Reads {
  prices: PriceSpan;
  stored: Awaited<ReturnType<SignalStateRepository['get']>>;
}

/** The job's targets as rule targets. */
function targetsOf(p: { symbols: string[]; keywords: string[] }): Target[] {
  return [...p.symbols.map((key) => ({ type: 'ticker' as const, key })), ...p.keywords.map((key) => ({ type: 'keyword' as const, key }))];
}

function uniqueTargets(targets: Target[]): Target[] {
  const seen = new Map<string, Target>();
  for (const t of targets) if (!seen.has(targetKey(t))) seen.set(targetKey(t), t);
  return [...seen.values()];
}

/** How far back the rules look: a week and the late-news margin, or the longest baseline plus window. */
function spanMinutesOf(rules: RuleConfig[]): number {
  return Math.max(
    7 * 24 * 60 + 360,
    ...rules.map((r) => {
      const p = (r.params ?? {}) as Record<string, unknown>;
      return Number(p.baselineMinutes ?? 0) + Number(p.recentMinutes ?? p.windowMinutes ?? 0);
    }),
  );
}

/**
 * A symbol's bars around a job's points, answering as of each point. A daily bar (stamped 00:00
 * UTC of its session) only counts once its session has closed: never let a day's close leak into
 * that day. Points usually share the same closed days, so a view is built once per distinct set.
 */
class PriceHistory {
  readonly daily: Bar[] = [];
  readonly minute: Bar[] = [];
  private readonly views = new Map<number, PriceView>();

  constructor(private readonly symbol: string) {}

  at(asOf: number): PriceView | null {
    if (!this.daily.length && !this.minute.length) return null;
    let closed = 0;
    while (closed < this.daily.length && this.daily[closed].time + DAILY_CLOSE_MS <= asOf) closed++;
    let view = this.views.get(closed);
    if (!view) {
      const w = new PriceWindows({ maxMinuteBars: Math.max(1, this.minute.length), maxDailyBars: Math.max(1, closed) });
      w.addAll(this.daily.slice(0, closed));
      w.addAll(this.minute);
      view = w.view(this.symbol);
      this.views.set(closed, view);
    }
    return view;
  }
}
