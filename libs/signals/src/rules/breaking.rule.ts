import { signed, targetLabel } from '../format';
import { resolveParams, type RuleParams } from '../rule-params';
import type { Candidate, Observation, RuleContext, RuleOutcome, StoryInfo } from '../signal.types';
import { firstAfter, indexedArticles, indexedByStory } from '../target-window';
import { makeCandidate, MINUTE_MS, round } from './rule-helpers';

function storyOf(ctx: RuleContext, id: number | null | undefined): StoryInfo | null {
  if (id === null || id === undefined || !ctx.stories) return null;
  const s = ctx.stories;
  return ('get' in s && typeof s.get === 'function' ? s.get(id) : (s as Partial<Record<number, StoryInfo>>)[id]) ?? null;
}

/** A point's trigger ids as a set, with their range: made once per point, whatever number of targets share it. */
const triggerSets = new WeakMap<readonly number[], { triggers: Set<number>; lo: number; hi: number }>();

function triggerSet(ids: readonly number[]): { triggers: Set<number>; lo: number; hi: number } {
  let t = triggerSets.get(ids);
  if (!t) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const id of ids) {
      if (id < lo) lo = id;
      if (id > hi) hi = id;
    }
    t = { triggers: new Set(ids), lo, hi };
    triggerSets.set(ids, t);
  }
  return t;
}

/**
 * `breaking`: a highly relevant, strongly scored story carried by at least `minSources` sources.
 * Articles of one story make one candidate (keyed by the story id) that lists every article and
 * source of the story, so ten sources give one alert.
 */
export function breakingCandidates(ctx: RuleContext): Candidate[] {
  const p = resolveParams('breaking', ctx.rule.params);
  const from = ctx.asOf - p.lookbackMinutes * MINUTE_MS;
  const obs = ctx.observations;
  const strong: Observation[] = [];
  const strongStories = new Set<number>();
  if (ctx.triggerArticleIds && ctx.triggerArticleIds.length > 0) {
    // Comparisons first, the set lookup last: it costs most, and the triggers (a batch's new
    // articles) usually hold a narrow range of ids that most of the window is outside of.
    const { triggers, lo, hi } = triggerSet(ctx.triggerArticleIds);
    // A window slice finds its triggers from the window's id column, without touching the rest.
    const found = indexedArticles(obs, triggers, lo, hi);
    if (found) {
      for (const o of found) if (o.relevance >= p.minRelevance && Math.abs(o.score) >= p.minAbsScore) strong.push(o);
    } else {
      for (const o of obs) {
        if (o.articleId >= lo && o.articleId <= hi && o.relevance >= p.minRelevance && Math.abs(o.score) >= p.minAbsScore && triggers.has(o.articleId)) strong.push(o);
      }
    }
  } else {
    // Time-ordered: the lookback is a suffix of the window.
    for (let i = firstAfter(obs, from); i < obs.length; i++) {
      const o = obs[i];
      if (o.relevance >= p.minRelevance && Math.abs(o.score) >= p.minAbsScore) strong.push(o);
    }
  }
  for (const o of strong) if (o.storyId != null) strongStories.add(o.storyId);
  // Strongest first, so each story is represented by its strongest article.
  strong.sort((a, b) => Math.abs(b.score) * b.relevance - Math.abs(a.score) * a.relevance || a.articleId - b.articleId);
  const members = observationsByStory(obs, strongStories);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const lead of strong) {
    const scope = lead.storyId != null ? `story:${lead.storyId}` : `article:${lead.articleId}`;
    if (seen.has(scope)) continue;
    seen.add(scope);
    const c = candidateFor(ctx, lead, members.get(lead.storyId!) ?? [lead], scope, p);
    if (c) out.push(c);
  }
  return out;
}

/**
 * A window's observations by story, in window order, in one pass: only the stories in `only` when
 * it is given (each of those has a list, empty when no observation is of it). One pass per story was quadratic where it matters most: in a shock, hundreds of
 * strong stories over a window of thousands of articles.
 */
export function observationsByStory(observations: readonly Observation[], only: ReadonlySet<number> | null): Map<number, Observation[]> {
  const out = new Map<number, Observation[]>();
  if (only) {
    if (only.size === 0) return out;
    // A window slice: from the window's story index, without a pass over the slice.
    const indexed = indexedByStory(observations, only);
    if (indexed) return indexed;
    // Each story of `only` gets its list up front: one lookup per observation.
    for (const id of only) out.set(id, []);
    for (const o of observations) if (o.storyId != null) out.get(o.storyId)?.push(o);
    return out;
  }
  for (const o of observations) {
    if (o.storyId == null) continue;
    const list = out.get(o.storyId);
    if (list) list.push(o);
    else out.set(o.storyId, [o]);
  }
  return out;
}

/** The lead's story as a candidate, or null when fewer than `minSources` sources carried it. */
function candidateFor(ctx: RuleContext, lead: Observation, members: readonly Observation[], scope: string, params: RuleParams<'breaking'>): Candidate | null {
  const story = storyOf(ctx, lead.storyId);
  const sources = [...new Set([...(story?.sources ?? []), ...members.map((o) => o.source).filter((s): s is string => !!s)])];
  if (sources.length < params.minSources) return null;
  // A window story (`storiesFromWindow`) is its observations here: titled by the first of them.
  const headline = (ctx.stories ? story?.title : ctx.storiesFromWindow ? members[0].title : null) ?? lead.title ?? null;
  const label = targetLabel(ctx.target);
  const tone = lead.score < 0 ? 'negative' : 'positive';
  const reported = sources.length > 1 ? ` — reported by ${sources.length} sources: ${sources.join(', ')}` : sources.length === 1 ? ` — ${sources[0]}` : '';
  return makeCandidate(ctx, {
    type: 'breaking',
    severity: Math.abs(lead.score) >= params.criticalAbsScore && sources.length >= params.criticalSources ? 'critical' : 'warning',
    title: headline ? `Breaking (${label}): ${headline}` : `Breaking ${tone} news on ${label}`,
    message: `${headline ? `"${headline}"` : `A ${tone} article`} on ${label} (sentiment ${signed(lead.score)}, relevance ${lead.relevance.toFixed(2)})${reported}`,
    level: 1,
    score: lead.score,
    // Made when read: in a burst most candidates are held back by the cooldown.
    articleIds: () => [...new Set([lead.articleId, ...members.map((o) => o.articleId), ...(story?.articleIds ?? [])])],
    scope,
    evidence: () => ({
      leadArticleId: lead.articleId,
      storyId: lead.storyId ?? null,
      sources,
      score: round(lead.score),
      relevance: round(lead.relevance),
      publishedAt: new Date(lead.t).toISOString(),
      thresholds: params,
    }),
  });
}

/** The strongest `breaking` candidate, if any. */
export function breakingRule(ctx: RuleContext): RuleOutcome {
  const all = breakingCandidates(ctx);
  return { candidate: all[0] ?? null, level: all.length > 0 ? 1 : 0 };
}
