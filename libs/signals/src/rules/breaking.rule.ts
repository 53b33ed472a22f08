import { signed, targetLabel } from '../format';
import { resolveParams } from '../rule-params';
import type { Candidate, Observation, RuleContext, RuleOutcome, StoryInfo } from '../signal.types';
import { makeCandidate, MINUTE_MS, round } from './rule-helpers';

function storyOf(ctx: RuleContext, id: number | null | undefined): StoryInfo | null {
  if (id === null || id === undefined || !ctx.stories) return null;
  const s = ctx.stories;
  return ('get' in s && typeof s.get === 'function' ? s.get(id) : (s as Partial<Record<number, StoryInfo>>)[id]) ?? null;
}

/**
 * `breaking`: a highly relevant, strongly scored story carried by at least `minSources` sources.
 * Articles of one story make one candidate (keyed by the story id) that lists every article and
 * source of the story, so ten sources give one alert.
 */
export function breakingCandidates(ctx: RuleContext): Candidate[] {
  const p = resolveParams('breaking', ctx.rule.params);
  const from = ctx.asOf - p.lookbackMinutes * MINUTE_MS;
  const triggers = ctx.triggerArticleIds && ctx.triggerArticleIds.length > 0 ? new Set(ctx.triggerArticleIds) : null;
  const strong = ctx.observations.filter(
    (o) => (triggers ? triggers.has(o.articleId) : o.t > from) && o.relevance >= p.minRelevance && Math.abs(o.score) >= p.minAbsScore,
  );
  // Strongest first, so each story is represented by its strongest article.
  strong.sort((a, b) => Math.abs(b.score) * b.relevance - Math.abs(a.score) * a.relevance || a.articleId - b.articleId);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const lead of strong) {
    const scope = lead.storyId != null ? `story:${lead.storyId}` : `article:${lead.articleId}`;
    if (seen.has(scope)) continue;
    seen.add(scope);
    const c = candidateFor(ctx, lead, scope, p.criticalAbsScore, p.criticalSources, p);
    if (((c.evidence.sources as string[]) ?? []).length < p.minSources) continue;
    out.push(c);
  }
  return out;
}

function candidateFor(ctx: RuleContext, lead: Observation, scope: string, criticalAbsScore: number, criticalSources: number, params: object): Candidate {
  const story = storyOf(ctx, lead.storyId);
  const members = lead.storyId != null ? ctx.observations.filter((o) => o.storyId === lead.storyId) : [lead];
  const articleIds = [...new Set([lead.articleId, ...members.map((o) => o.articleId), ...(story?.articleIds ?? [])])];
  const sources = [...new Set([...(story?.sources ?? []), ...members.map((o) => o.source).filter((s): s is string => !!s)])];
  const headline = story?.title ?? lead.title ?? null;
  const label = targetLabel(ctx.target);
  const tone = lead.score < 0 ? 'negative' : 'positive';
  const reported = sources.length > 1 ? ` — reported by ${sources.length} sources: ${sources.join(', ')}` : sources.length === 1 ? ` — ${sources[0]}` : '';
  return makeCandidate(ctx, {
    type: 'breaking',
    severity: Math.abs(lead.score) >= criticalAbsScore && sources.length >= criticalSources ? 'critical' : 'warning',
    title: headline ? `Breaking (${label}): ${headline}` : `Breaking ${tone} news on ${label}`,
    message: `${headline ? `"${headline}"` : `A ${tone} article`} on ${label} (sentiment ${signed(lead.score)}, relevance ${lead.relevance.toFixed(2)})${reported}`,
    level: 1,
    score: lead.score,
    articleIds,
    scope,
    evidence: {
      leadArticleId: lead.articleId,
      storyId: lead.storyId ?? null,
      sources,
      score: round(lead.score),
      relevance: round(lead.relevance),
      publishedAt: new Date(lead.t).toISOString(),
      thresholds: params,
    },
  });
}

/** The strongest `breaking` candidate, if any. */
export function breakingRule(ctx: RuleContext): RuleOutcome {
  const all = breakingCandidates(ctx);
  return { candidate: all[0] ?? null, level: all.length > 0 ? 1 : 0 };
}
