import fc from 'fast-check';
import { DEFAULT_RULE_PARAMS, resolveParams } from '../rule-params';
import type { Observation, RuleContext, StoryInfo, StoryLookup, Target } from '../signal.types';
import { prepareObservations, TargetWindow } from '../target-window';
import { breakingCandidates, observationsByStory } from './breaking.rule';

const H = 3_600_000;
const ASOF = Date.parse('2025-01-27T15:00:00Z');
const NVDA: Target = { type: 'ticker', key: 'NVDA' };

/** The lookup the worker made from the window before `storiesFromWindow`: the reference. */
function lookupFromWindow(observations: readonly Observation[], triggerArticleIds: readonly number[] | null): StoryLookup {
  let members: Map<number, Observation[]> | null = null;
  return {
    get(id: number): StoryInfo | undefined {
      if (!members) {
        if (!triggerArticleIds?.length) members = observationsByStory(observations, null);
        else {
          const trigger = new Set(triggerArticleIds);
          const wanted = new Set<number>();
          for (const o of observations) if (o.storyId != null && trigger.has(o.articleId)) wanted.add(o.storyId);
          members = observationsByStory(observations, wanted);
        }
      }
      let story: StoryInfo | undefined;
      for (const o of members.get(id) ?? []) {
        story ??= { id, title: o.title, sources: [], articleIds: [] };
        if (o.source && !story.sources!.includes(o.source)) story.sources!.push(o.source);
        story.articleIds!.push(o.articleId);
      }
      return story;
    },
  };
}

/** The strong articles as `breaking` first picked them (one filter over the window), strongest first. */
function referenceLeads(ctx: RuleContext): number[] {
  const p = resolveParams('breaking', ctx.rule.params);
  const from = ctx.asOf - p.lookbackMinutes * 60_000;
  const triggers = ctx.triggerArticleIds && ctx.triggerArticleIds.length > 0 ? new Set(ctx.triggerArticleIds) : null;
  const strong = ctx.observations.filter((o) => (triggers ? triggers.has(o.articleId) : o.t > from) && o.relevance >= p.minRelevance && Math.abs(o.score) >= p.minAbsScore);
  strong.sort((a, b) => Math.abs(b.score) * b.relevance - Math.abs(a.score) * a.relevance || a.articleId - b.articleId);
  const seen = new Set<string>();
  return strong.filter((o) => {
    const scope = o.storyId != null ? `s${o.storyId}` : `a${o.articleId}`;
    return !seen.has(scope) && !!seen.add(scope);
  }).map((o) => o.articleId);
}

const windowArb = fc
  .array(
    fc.record({
      minutesAgo: fc.integer({ min: 0, max: 600 }),
      score: fc.constantFrom(-1, -0.99, -0.97, -0.95, -0.9, -0.5, 0, 0.6, 0.91, 0.98),
      relevance: fc.constantFrom(0.2, 0.69, 0.7, 0.9, 1),
      storyId: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
      source: fc.option(fc.constantFrom('Reuters', 'BBC', 'CNBC', 'FT'), { nil: null }),
      title: fc.option(fc.constantFrom('Nvidia plunges', 'Nvidia plunges 17%', 'Chip stocks slide'), { nil: null }),
    }),
    { maxLength: 40 },
  )
  .map((xs) => xs.map((x, i): Observation => ({ t: ASOF - x.minutesAgo * 60_000, score: x.score, relevance: x.relevance, articleId: 100 + i, storyId: x.storyId, source: x.source, title: x.title })));

const caseArb = windowArb.chain((obs) =>
  fc.record({
    obs: fc.constant(obs),
    // Triggers: none, or some of the window's articles and some outside it.
    triggers: fc.option(fc.subarray([...obs.map((o) => o.articleId), 1, 2, 999]), { nil: null }),
    params: fc.constantFrom({}, { minSources: 1 }, { minSources: 1, minAbsScore: 0.5, lookbackMinutes: 240 }),
  }),
);

describe('breaking over the window’s own stories', () => {
  it('gives the same candidates as a story lookup made from the same window', () => {
    fc.assert(
      fc.property(caseArb, ({ obs, triggers, params }) => {
        const observations = prepareObservations(obs, ASOF);
        const base = { rule: { id: 3, type: 'breaking' as const, params }, target: NVDA, observations, asOf: ASOF, triggerArticleIds: triggers };
        const viaLookup = breakingCandidates({ ...base, stories: lookupFromWindow(observations, triggers) });
        const fromWindow = breakingCandidates({ ...base, storiesFromWindow: true });
        expect(JSON.stringify(fromWindow)).toBe(JSON.stringify(viaLookup));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same candidates from a TargetWindow slice (its id column and story index) as from a plain array', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 300 }), ({ obs, triggers, params }, cut) => {
        const w = new TargetWindow({ maxAgeMs: 30 * H });
        // In two batches, as the worker's cache fills: the second merges into the first.
        const sorted = prepareObservations(obs, ASOF);
        const split = Math.floor(sorted.length / 2);
        w.addAll(sorted.filter((_, i) => i % 2 === 0 && i < split * 2));
        w.addAll(sorted.filter((_, i) => !(i % 2 === 0 && i < split * 2)));
        const asOf = ASOF - cut * 60_000;
        const slice = w.observations(asOf);
        const base = { rule: { id: 3, type: 'breaking' as const, params }, target: NVDA, asOf, triggerArticleIds: triggers, storiesFromWindow: true };
        const indexed = breakingCandidates({ ...base, observations: slice });
        const plain = breakingCandidates({ ...base, observations: [...slice] });
        expect(JSON.stringify(indexed)).toBe(JSON.stringify(plain));
        if (triggers?.length) expect(observationsByStory(slice, new Set([1, 2, 3]))).toEqual(observationsByStory([...slice], new Set([1, 2, 3])));
      }),
      { numRuns: 500 },
    );
  });

  it('picks the strong triggering (or recent) articles as one filter over the window did', () => {
    fc.assert(
      fc.property(caseArb, ({ obs, triggers, params }) => {
        const ctx: RuleContext = { rule: { id: 3, type: 'breaking', params: { ...params, minSources: 0 } }, target: NVDA, observations: prepareObservations(obs, ASOF), asOf: ASOF, triggerArticleIds: triggers };
        expect(breakingCandidates(ctx).map((c) => c.evidence.leadArticleId)).toEqual(referenceLeads(ctx));
      }),
      { numRuns: 500 },
    );
  });

  it('titles a window story by its first article, the lead’s own title when it has none', () => {
    const obs: Observation[] = [
      { t: ASOF - 2 * H, score: -0.5, relevance: 0.9, articleId: 1, storyId: 5, source: 'BBC', title: 'Nvidia plunges' },
      { t: ASOF - 0.1 * H, score: -0.99, relevance: 0.95, articleId: 2, storyId: 5, source: 'Reuters', title: 'Nvidia plunges 17% on DeepSeek' },
    ];
    const rule = { id: 3, type: 'breaking' as const };
    expect(breakingCandidates({ rule, target: NVDA, observations: obs, asOf: ASOF, triggerArticleIds: [2], storiesFromWindow: true })[0].title).toBe('Breaking (NVDA): Nvidia plunges');
    expect(breakingCandidates({ rule, target: NVDA, observations: obs, asOf: ASOF, triggerArticleIds: [2] })[0].title).toBe('Breaking (NVDA): Nvidia plunges 17% on DeepSeek');
    const untitled = [{ ...obs[0], title: null }, obs[1]];
    expect(breakingCandidates({ rule, target: NVDA, observations: untitled, asOf: ASOF, triggerArticleIds: [2], storiesFromWindow: true })[0].title).toBe('Breaking (NVDA): Nvidia plunges 17% on DeepSeek');
  });
});

describe('resolveParams, once per params object', () => {
  it('returns the same frozen resolution for the same object, a fresh one for another', () => {
    const params = { warnPct: 3, criticalPct: 'high', bogus: 1 };
    const a = resolveParams('price_move', params);
    expect(a).toEqual({ ...DEFAULT_RULE_PARAMS.price_move, warnPct: 3 });
    expect(resolveParams('price_move', params)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(resolveParams('price_move', { ...params, warnPct: 4 }).warnPct).toBe(4);
    // The same object under another type resolves for that type.
    expect(resolveParams('shock', params)).toEqual(DEFAULT_RULE_PARAMS.shock);
    expect(resolveParams('mention_spike', null)).toEqual(DEFAULT_RULE_PARAMS.mention_spike);
    expect(resolveParams('mention_spike', undefined)).toBe(resolveParams('mention_spike', null));
  });
});
