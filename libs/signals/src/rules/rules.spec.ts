import { evaluateRules, firingCandidates, type RuleEvaluation } from '../evaluate';
import { staticPriceView } from '../price-view';
import { DEFAULT_RULE_PARAMS } from '../rule-params';
import type { Observation, RuleConfig, RuleContext, Target } from '../signal.types';
import { prepareObservations } from '../target-window';
import { breakingCandidates } from './breaking.rule';
import { mentionSpikeRule } from './mention-spike.rule';
import { priceMoveRule, shockRule } from './price.rules';
import { sentimentShiftRule, sentimentThresholdRule } from './sentiment.rules';

const H = 3_600_000;
const ASOF = Date.parse('2025-01-27T15:00:00Z');
const NVDA: Target = { type: 'ticker', key: 'NVDA' };
let nextId = 1;
const ob = (hoursAgo: number, score: number, relevance = 0.8, extra: Partial<Observation> = {}): Observation => ({ t: ASOF - hoursAgo * H, score, relevance, articleId: nextId++, ...extra });

/** A calm week: two mildly positive articles a day. */
const calmWeek = (): Observation[] => Array.from({ length: 14 }, (_, i) => ob(8 + i * 12, 0.15 + 0.05 * Math.sin(i), 0.6));

function ctx(type: RuleConfig['type'], observations: Observation[], extra: Partial<RuleContext> = {}, params: Record<string, unknown> = {}): RuleContext {
  return { rule: { id: 7, type, params, cooldownSeconds: 3600 }, target: NVDA, observations: prepareObservations(observations, ASOF), asOf: ASOF, ...extra };
}

describe('rules on a calm week', () => {
  it('raise nothing', () => {
    const rules: RuleConfig[] = (Object.keys(DEFAULT_RULE_PARAMS).filter((k) => k !== 'common') as RuleConfig['type'][]).map((type, i) => ({ id: i, type }));
    const evals = evaluateRules({ rules, target: NVDA, observations: calmWeek(), price: staticPriceView({ changeVsPrevClose: 0.8 }), asOf: ASOF });
    expect(evals).toHaveLength(6);
    expect(firingCandidates(evals)).toEqual([]);
  });
});

describe('breaking', () => {
  it('fires on one highly relevant, strongly scored article and not on weaker ones', () => {
    expect(breakingCandidates(ctx('breaking', [ob(0.1, -0.85, 0.9), ob(0.2, -0.95, 0.6)]))).toEqual([]);
    // One source alone is not enough by default; a rule may lower minSources.
    expect(breakingCandidates(ctx('breaking', [ob(0.1, -0.98, 0.95, { source: 'Reuters' })]))).toEqual([]);
    const [c] = breakingCandidates(ctx('breaking', [ob(0.1, -0.98, 0.95, { title: 'Nvidia loses $593bn', source: 'Reuters' })], {}, { minSources: 1 }));
    expect(c).toMatchObject({ type: 'breaking', severity: 'warning', symbol: 'NVDA', title: 'Breaking (NVDA): Nvidia loses $593bn', latch: false });
    expect(c.message).toBe('"Nvidia loses $593bn" on NVDA (sentiment \u22120.98, relevance 0.95) \u2014 Reuters');
  });

  it('is critical only for a very strong story confirmed by a second source', () => {
    const three = ['Reuters', 'BBC', 'CNBC'].map((source, i) => ob(0.1 + i * 0.05, -0.98, 0.95, { storyId: 9, source }));
    expect(breakingCandidates(ctx('breaking', three))[0]).toMatchObject({ severity: 'critical' });
    expect(breakingCandidates(ctx('breaking', three.slice(0, 2)))[0]).toMatchObject({ severity: 'warning' });
    const weaker = three.map((o) => ({ ...o, score: -0.92 }));
    expect(breakingCandidates(ctx('breaking', weaker))[0]).toMatchObject({ severity: 'warning' });
  });

  it('a story reported by ten sources gives one candidate listing every source, keyed by the story', () => {
    const sources = ['Reuters', 'BBC', 'CNBC', 'NYT', 'WSJ', 'FT', 'Bloomberg', 'AP', 'NBC', 'Ars Technica'];
    const obs = sources.map((source, i) => ob(0.5 - i * 0.04, -0.91 - i * 0.005, 0.9, { storyId: 42, source }));
    const all = breakingCandidates(ctx('breaking', obs, { stories: { 42: { id: 42, title: 'DeepSeek sparks tech sell-off' } } }));
    expect(all).toHaveLength(1);
    expect(all[0].articleIds.sort()).toEqual(obs.map((o) => o.articleId).sort());
    expect(all[0].evidence.sources).toEqual(sources);
    expect(all[0].message).toContain('reported by 10 sources: Reuters, BBC');
    expect(all[0].dedupeKey).toBe('breaking:7:ticker:NVDA:story:42');
    // The first two reports yield the same key, so the alert row is written once.
    expect(breakingCandidates(ctx('breaking', obs.slice(0, 2)))[0].dedupeKey).toBe(all[0].dedupeKey);
    expect(breakingCandidates(ctx('breaking', obs.slice(0, 1)))).toEqual([]);
  });

  it('looks only at the triggering articles when given', () => {
    const old = ob(0.2, -0.9, 0.9);
    const fresh = ob(0.1, 0.1, 0.9);
    expect(breakingCandidates(ctx('breaking', [old, fresh], { triggerArticleIds: [fresh.articleId] }))).toEqual([]);
  });
});

describe('sentiment_threshold', () => {
  it('fires when the weighted mean crosses the threshold with enough articles', () => {
    const neg = [ob(1, -0.7), ob(2, -0.8), ob(3, -0.7), ob(4, -0.8), ob(5, -0.3, 0.4)];
    expect(sentimentThresholdRule(ctx('sentiment_threshold', neg.slice(0, 4))).candidate).toBeNull();
    const out = sentimentThresholdRule(ctx('sentiment_threshold', neg));
    expect(out.candidate).toMatchObject({ type: 'sentiment_threshold', severity: 'warning' });
    expect(out.candidate!.score).toBeCloseTo((0.8 * -0.7 + 0.8 * -0.8 + 0.8 * -0.7 + 0.8 * -0.8 + 0.4 * -0.3) / 3.6, 4);
    expect(out.level).toBeGreaterThan(1);
    expect(sentimentThresholdRule(ctx('sentiment_threshold', neg, {}, { direction: 'positive' })).candidate).toBeNull();
  });
});

describe('sentiment_shift', () => {
  it('measures the recent mean against the baseline in baseline standard deviations', () => {
    const obs = [...calmWeek(), ob(0.5, -0.4), ob(1, -0.5), ob(2, -0.45)];
    const out = sentimentShiftRule(ctx('sentiment_shift', obs));
    expect(out.candidate).toMatchObject({ type: 'sentiment_shift', severity: 'critical' });
    const z = (out.candidate!.evidence as { z: number }).z;
    expect(z).toBeLessThan(-3);
    expect(out.candidate!.message).toMatch(/^NVDA sentiment fell \d+\.\dσ below its 7-day baseline: \u22120\.45 over the last 6 hours \(3 articles\)/);
  });

  it('floors a flat baseline std so one mildly lower article set does not explode', () => {
    const flat = Array.from({ length: 10 }, (_, i) => ob(10 + i * 10, 0.2, 0.8));
    const out = sentimentShiftRule(ctx('sentiment_shift', [...flat, ob(1, 0.0), ob(2, 0.05), ob(3, 0.0)]));
    // (0.0167 - 0.2) / 0.15 ≈ -1.2σ: below the 2σ threshold although the baseline std is 0.
    expect(out.candidate).toBeNull();
    expect(out.level).toBeCloseTo(Math.abs((0.05 / 3 - 0.2) / 0.15) / 2, 6);
  });

  it('needs the minimum number of recent articles', () => {
    expect(sentimentShiftRule(ctx('sentiment_shift', [...calmWeek(), ob(1, -0.9), ob(2, -0.9)])).candidate).toBeNull();
  });
});

describe('mention_spike', () => {
  it('fires at ×5 over baseline with a minimum count, critical at ×10', () => {
    const burst = Array.from({ length: 6 }, (_, i) => ob(0.1 * i, -0.2, 0.5));
    const hourly = { recentMinutes: 60 };
    const out = mentionSpikeRule(ctx('mention_spike', [...calmWeek(), ...burst], {}, hourly));
    // 6/hour against 14 mentions in 7 days (0.083/hour): ×72.
    expect(out.candidate).toMatchObject({ type: 'mention_spike', severity: 'critical' });
    expect(out.candidate!.title).toBe('NVDA mentions \u00d772.0');
    expect(out.candidate!.articleIds).toHaveLength(6);
    expect(mentionSpikeRule(ctx('mention_spike', [...calmWeek(), ...burst.slice(0, 4)], {}, hourly)).candidate).toBeNull();
    // The default window (4 h) spreads the same burst: 1.5/hour, still ×18.
    expect(mentionSpikeRule(ctx('mention_spike', [...calmWeek(), ...burst])).candidate!.title).toBe('NVDA mentions \u00d718.0');
    // A busy baseline: the same burst is only ×~3.
    const busy = Array.from({ length: 7 * 24 * 2 }, (_, i) => ob(1.01 + i * 0.5, 0, 0.5));
    expect(mentionSpikeRule(ctx('mention_spike', [...busy, ...burst], {}, hourly)).candidate).toBeNull();
  });
});

describe('candidate evidence', () => {
  it('is made when first read, once, and is the same whenever it is read', () => {
    const burst = Array.from({ length: 6 }, (_, i) => ob(0.1 * i, -0.2, 0.5));
    const made = () => mentionSpikeRule(ctx('mention_spike', [...calmWeek(), ...burst], {}, { recentMinutes: 60 })).candidate!;
    const held = made();
    // Not made yet: a candidate held back by cooldown never pays for it.
    expect(Object.getOwnPropertyDescriptor(held, 'evidence')!.get).toBeDefined();
    expect(Object.getOwnPropertyDescriptor(held, 'articleIds')!.get).toBeDefined();
    const evidence = held.evidence;
    expect(held.evidence).toBe(evidence);
    expect(Object.getOwnPropertyDescriptor(held, 'evidence')!.value).toBe(evidence);
    expect(evidence).toMatchObject({ ruleId: 7, asOf: new Date(ASOF).toISOString(), ratio: 72, recent: { count: 6 } });
    // Spreading or serializing makes it too, with the same content.
    const other = made();
    expect(JSON.parse(JSON.stringify(other)).evidence).toEqual(JSON.parse(JSON.stringify(evidence)));
    expect({ ...made() }.articleIds).toEqual(held.articleIds);
    // A write replaces it.
    other.evidence = { replaced: true };
    expect(other.evidence).toEqual({ replaced: true });
  });
});

describe('price_move', () => {
  it('grades the move vs previous close or over a window', () => {
    const rule = (c: number | null, params = {}) => priceMoveRule(ctx('price_move', [], { price: staticPriceView({ changeVsPrevClose: c, changes: { 60: -6 } }) }, params));
    expect(rule(-3).candidate).toBeNull();
    expect(rule(-6).candidate).toMatchObject({ severity: 'warning', changePct: -6 });
    const crit = rule(-16.97).candidate!;
    expect(crit).toMatchObject({ severity: 'critical', title: 'NVDA \u221217.0% vs previous close' });
    expect(rule(null).candidate).toBeNull();
    expect(rule(0, { windowMinutes: 60 }).candidate).toMatchObject({ severity: 'warning', title: 'NVDA \u22126.0% over the last hour' });
  });

  it('does not apply to keyword targets', () => {
    const c = ctx('price_move', [], { target: { type: 'keyword', key: 'deepseek' }, price: staticPriceView({ changeVsPrevClose: -20 }) });
    expect(priceMoveRule(c)).toEqual({ candidate: null, level: null });
  });
});

describe('shock', () => {
  const negative = () => [...calmWeek(), ob(0.5, -0.6), ob(1, -0.7), ob(2, -0.5)];
  it('fires critical on a negative shift with a fall in the same window', () => {
    const c = shockRule(ctx('shock', negative(), { price: staticPriceView({ changeVsPrevClose: -16.97 }) })).candidate!;
    expect(c).toMatchObject({ type: 'shock', severity: 'critical', changePct: -16.97 });
    expect(c.message).toMatch(/^NVDA \u221217\.0% vs previous close while sentiment fell \d+\.\dσ below its 7-day baseline$/);
  });

  it('fires when a baseline that already soured hides the shift in σ but the recent mean is deeply negative', () => {
    // A volatile week (±0.9) makes the baseline std large; the last day averages −0.8.
    const volatile = Array.from({ length: 28 }, (_, i) => ob(30 + i * 5, i % 2 ? 0.9 : -0.9, 0.8));
    const lastDay = [ob(1, -0.8), ob(3, -0.9), ob(6, -0.7), ob(9, -0.8)];
    const c = ctx('shock', [...volatile, ...lastDay], { price: staticPriceView({ changeVsPrevClose: -16.97 }) });
    expect(sentimentShiftRule(c).candidate).toBeNull();
    expect(shockRule(c).candidate).toMatchObject({ type: 'shock', severity: 'critical' });
    expect(shockRule(c).candidate!.message).toMatch(/while sentiment averaged \u22120\.80 over 4 articles in the last day$/);
  });

  it('does not fire on opposite directions or a small move', () => {
    expect(shockRule(ctx('shock', negative(), { price: staticPriceView({ changeVsPrevClose: 8 }) })).candidate).toBeNull();
    expect(shockRule(ctx('shock', negative(), { price: staticPriceView({ changeVsPrevClose: -2 }) })).candidate).toBeNull();
    expect(shockRule(ctx('shock', calmWeek(), { price: staticPriceView({ changeVsPrevClose: -16 }) })).candidate).toBeNull();
  });
});

describe('evaluateRules', () => {
  const rules: RuleConfig[] = [
    { id: 1, type: 'sentiment_shift', symbol: 'nvda', cooldownSeconds: 3600 },
    { id: 2, type: 'mention_spike', keyword: 'deepseek' },
    { id: 3, type: 'price_move', symbol: 'NVDA', enabled: false },
    { id: 4, type: 'price_move' },
  ];
  const input = () => ({
    rules,
    target: NVDA,
    observations: [...calmWeek(), ob(0.5, -0.6), ob(1, -0.7), ob(2, -0.5)],
    price: staticPriceView({ changeVsPrevClose: -12 }),
    asOf: new Date(ASOF).toISOString(),
  });

  it('runs the enabled rules of the target and of all targets', () => {
    const evals = evaluateRules(input());
    expect(evals.map((e: RuleEvaluation) => e.rule.id)).toEqual([1, 4]);
    expect(firingCandidates(evals).map((c) => c.type)).toEqual(['sentiment_shift', 'price_move']);
  });

  it('gives the same dedupe keys for the same evaluation, whatever the order of the rows', () => {
    const a = firingCandidates(evaluateRules(input())).map((c) => c.dedupeKey);
    const shuffled = input();
    shuffled.observations.reverse();
    const b = firingCandidates(evaluateRules(shuffled)).map((c) => c.dedupeKey);
    expect(b).toEqual(a);
    expect(a).toEqual(['sentiment_shift:1:ticker:NVDA:t:2025-01-27T15:00:00.000Z', 'price_move:4:ticker:NVDA:t:2025-01-27T15:00:00.000Z']);
    // A later evaluation inside the same cooldown bucket keeps the key; the next bucket changes it.
    expect(firingCandidates(evaluateRules({ ...input(), asOf: ASOF + 59 * 60_000 }))[1].dedupeKey).toBe(a[1]);
    expect(firingCandidates(evaluateRules({ ...input(), asOf: ASOF + 61 * 60_000 }))[1].dedupeKey).not.toBe(a[1]);
  });
});
