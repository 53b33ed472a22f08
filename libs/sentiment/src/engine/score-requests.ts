/**
 * The CLI `score` / `POST /api/score` contract as a pure function: one request in, one line out.
 */
import type { ScoreLine, ScoreRequest } from '../types';
import type { SentimentEngine } from './sentiment.engine';

/** At most this many targets are scored per request; the rest are ignored. */
export const MAX_REQUEST_TARGETS = 50;

export function scoreRequests(engine: SentimentEngine, req: ScoreRequest): ScoreLine {
  const text = typeof req.text === 'string' ? req.text : '';
  const wanted = Array.isArray(req.targets)
    ? req.targets.filter((t): t is string => typeof t === 'string' && t.trim() !== '').slice(0, MAX_REQUEST_TARGETS)
    : undefined;
  const a = engine.analyze(text, wanted && wanted.length ? { targets: wanted } : {});
  // Without targets: the companies the text names (not those reached only through a topic).
  const targets = wanted && wanted.length ? a.targets : a.targets.filter((t) => t.type === 'ticker' && !t.viaKeyword);
  return {
    id: req.id,
    label: a.label,
    score: a.score,
    targets: targets.map((t) => ({ symbol: t.symbol, name: t.name, label: t.label, score: t.score, relevance: t.relevance })),
  };
}
