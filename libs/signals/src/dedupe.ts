import type { AlertType, RuleConfig, Target } from './signal.types';

/** Canonical target key: symbols upper case, keywords lower case. */
export function targetKey(target: Target): string {
  return target.type === 'ticker' ? `ticker:${target.key.trim().toUpperCase()}` : `keyword:${target.key.trim().toLowerCase()}`;
}

/** Key of the cooldown/hysteresis state of one rule on one target (optionally one story). */
export function stateKeyOf(type: AlertType, ruleId: RuleConfig['id'], target: Target, scope?: string): string {
  return `${type}:${ruleId}:${targetKey(target)}${scope ? `:${scope}` : ''}`;
}

/** Start of the event-time bucket holding `at`. */
export function bucketStart(at: number, bucketMs: number): number {
  const size = Math.max(60_000, bucketMs);
  return Math.floor(at / size) * size;
}

/**
 * Content-derived alert key: rule type, rule id, target and either a scope (a story or article)
 * or the event-time bucket of `at`. Re-evaluating the same inputs yields the same key.
 */
export function dedupeKeyOf(type: AlertType, ruleId: RuleConfig['id'], target: Target, scope: string | { at: number; bucketMs: number }): string {
  const tail = typeof scope === 'string' ? scope : `t:${new Date(bucketStart(scope.at, scope.bucketMs)).toISOString()}`;
  return `${type}:${ruleId}:${targetKey(target)}:${tail}`;
}
