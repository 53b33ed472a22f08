import type { AlertType } from './signal.types';

const DAY_MINUTES = 1440;

/** Defaults of every rule type; a rule's `params` override them key by key. */
export const DEFAULT_RULE_PARAMS = {
  breaking: {
    minRelevance: 0.7,
    /** The scorer's |score| is its confidence in the direction: routine moves score 0.8-0.9. */
    minAbsScore: 0.9,
    criticalAbsScore: 0.97,
    /** Sources that must carry the story before it is breaking news (one source alone is a rumour). */
    minSources: 2,
    /** Critical needs the story confirmed by this many sources. */
    criticalSources: 3,
    /** Articles published this long before `asOf` still count (when no trigger ids are given). */
    lookbackMinutes: 60,
  },
  sentiment_threshold: {
    windowMinutes: 360,
    threshold: 0.6,
    criticalThreshold: 0.85,
    minArticles: 5,
    minRelevance: 0.3,
    /** 'weightedMean' or 'ewma'. */
    metric: 'weightedMean' as 'weightedMean' | 'ewma',
    direction: 'both' as 'both' | 'negative' | 'positive',
  },
  sentiment_shift: {
    recentMinutes: 360,
    baselineMinutes: 7 * DAY_MINUTES,
    thresholdSigma: 2,
    criticalSigma: 3,
    minArticles: 3,
    /** Below this the baseline is taken as neutral: mean 0, std = stdFloor. */
    minBaselineArticles: 5,
    /** Floor on the baseline std so a flat baseline does not explode z. */
    stdFloor: 0.15,
    minRelevance: 0.3,
    direction: 'both' as 'both' | 'negative' | 'positive',
  },
  mention_spike: {
    recentMinutes: 240,
    baselineMinutes: 7 * DAY_MINUTES,
    ratio: 5,
    criticalRatio: 10,
    minCount: 5,
    minRelevance: 0.2,
    /** Floor on the baseline velocity (mentions/hour) so a silent target does not divide by zero. */
    baselineFloorPerHour: 0.05,
  },
  price_move: {
    /** 0: against the previous close; otherwise the change over this many minutes. */
    windowMinutes: 0,
    warnPct: 5,
    criticalPct: 10,
  },
  shock: {
    /** The sentiment side looks at the last day: news often turns before the session that prices it. */
    recentMinutes: 1440,
    baselineMinutes: 7 * DAY_MINUTES,
    thresholdSigma: 2,
    /** …or a recent relevance-weighted mean at least this far from neutral, in the price's direction. */
    meanThreshold: 0.5,
    minArticles: 3,
    minBaselineArticles: 5,
    stdFloor: 0.15,
    minRelevance: 0.3,
    /** |price change| needed, in the same direction as the sentiment shift. */
    pricePct: 5,
    windowMinutes: 0,
  },
  /** Hysteresis: a fired level rule re-arms once |value| < rearmRatio × threshold. */
  common: {
    rearmRatio: 0.5,
  },
} as const;

export type RuleParams<T extends AlertType> = {
  -readonly [K in keyof (typeof DEFAULT_RULE_PARAMS)[T]]: (typeof DEFAULT_RULE_PARAMS)[T][K] extends number ? number : (typeof DEFAULT_RULE_PARAMS)[T][K];
};

/** Resolved params of each rule type, by the rule's params object (see `resolveParams`). */
const RESOLVED = new Map<AlertType, { none: RuleParams<AlertType> | null; byParams: WeakMap<object, RuleParams<AlertType>> }>();

/**
 * Merges a rule's params over the defaults, keeping only known keys of the default's type.
 *
 * Resolved once per params object (and frozen): a job's rules are read once and evaluated at every
 * point and target, and merging them each time was a visible part of evaluating. A rule's params
 * are therefore not to be changed in place once evaluated (rules are read anew for each job).
 */
export function resolveParams<T extends AlertType>(type: T, params: Record<string, unknown> | null | undefined): RuleParams<T> {
  let cache = RESOLVED.get(type);
  if (!cache) RESOLVED.set(type, (cache = { none: null, byParams: new WeakMap() }));
  if (params === null || params === undefined || typeof params !== 'object') return (cache.none ??= mergeParams(type, params)) as RuleParams<T>;
  let p = cache.byParams.get(params);
  if (!p) cache.byParams.set(params, (p = mergeParams(type, params)));
  return p as RuleParams<T>;
}

function mergeParams<T extends AlertType>(type: T, params: Record<string, unknown> | null | undefined): RuleParams<T> {
  const defaults = DEFAULT_RULE_PARAMS[type] as Record<string, unknown>;
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(params ?? {})) {
    if (!(k in defaults)) continue;
    if (typeof defaults[k] === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === typeof defaults[k]) out[k] = v;
  }
  return Object.freeze(out) as RuleParams<T>;
}

const ENUMS: Record<string, readonly string[]> = {
  metric: ['weightedMean', 'ewma'],
  direction: ['both', 'negative', 'positive'],
};

/** Params whose value is a fraction in [0, 1]. */
const FRACTIONS = new Set(['minRelevance', 'minAbsScore', 'criticalAbsScore', 'threshold', 'criticalThreshold']);

export interface RuleParamsProblem {
  /** The offending key inside `params` (or `type`). */
  field: string;
  reason: string;
}

/**
 * Checks user-supplied rule params: known keys only (plus `rearmRatio`), numbers finite and in range,
 * enumerations from their set. Returns the first problem, or null when the params are valid.
 */
export function validateRuleParams(type: string, params: Record<string, unknown> | null | undefined): RuleParamsProblem | null {
  if (!(type in DEFAULT_RULE_PARAMS) || type === 'common') return { field: 'type', reason: `unknown rule type "${type}"` };
  const defaults = DEFAULT_RULE_PARAMS[type as AlertType] as Record<string, unknown>;
  if (params === null || params === undefined) return null;
  if (typeof params !== 'object' || Array.isArray(params)) return { field: '', reason: 'params must be an object' };
  for (const [key, value] of Object.entries(params)) {
    if (key === 'rearmRatio') {
      if (typeof value !== 'number' || !(value >= 0 && value < 1)) return { field: key, reason: 'must be a number in [0, 1)' };
      continue;
    }
    if (!(key in defaults)) return { field: key, reason: `unknown parameter for ${type} (known: ${[...Object.keys(defaults), 'rearmRatio'].join(', ')})` };
    const enumValues = ENUMS[key];
    if (enumValues) {
      if (typeof value !== 'string' || !enumValues.includes(value)) return { field: key, reason: `must be one of ${enumValues.join(', ')}` };
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return { field: key, reason: 'must be a finite number' };
    if (value < 0) return { field: key, reason: 'must be >= 0' };
    if (FRACTIONS.has(key) && value > 1) return { field: key, reason: 'must be between 0 and 1' };
  }
  return null;
}
