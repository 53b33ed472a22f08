import { DEFAULT_RULE_PARAMS } from './rule-params';
import type { Candidate } from './signal.types';

/** Persisted per `Candidate.stateKey` (`signal_states`: key, armed, last_fired_at, last_value). */
export interface SignalState {
  armed: boolean;
  /** Event time of the last fire, epoch ms. */
  lastFiredAt: number | null;
  lastValue: number | null;
}

export type DecideReason = 'fired' | 'cooldown' | 'disarmed' | 'quiet' | 'stale';

export interface Decision {
  fire: boolean;
  next: SignalState;
  reason: DecideReason;
}

export interface DecideOptions {
  /** The rule's level when it produced no candidate (drives re-arming); ignored when a candidate is given. */
  level?: number | null;
  /** Re-arm once level < rearmBelow (default 0.5: |value| < half the threshold). */
  rearmBelow?: number;
}

export const INITIAL_SIGNAL_STATE: Readonly<SignalState> = Object.freeze({ armed: true, lastFiredAt: null, lastValue: null });

/**
 * Cooldown and hysteresis, on event time. Fires when the rule is armed and out of cooldown; a level
 * rule (`latch`) then disarms until its level falls back inside the re-arm band. Evaluations older
 * than the last fire (retries, late jobs) change nothing.
 */
export function decide(state: SignalState | null | undefined, candidate: Candidate | null, now: number, cooldownMs: number, options: DecideOptions = {}): Decision {
  const s = state ?? INITIAL_SIGNAL_STATE;
  const level = candidate ? candidate.level : (options.level ?? null);
  if (s.lastFiredAt !== null && now < s.lastFiredAt) return { fire: false, next: { ...s }, reason: 'stale' };
  if (!candidate) {
    const quiet = level === null || Math.abs(level) < (options.rearmBelow ?? DEFAULT_RULE_PARAMS.common.rearmRatio);
    return { fire: false, next: { ...s, armed: s.armed || quiet, lastValue: level }, reason: 'quiet' };
  }
  if (!s.armed) return { fire: false, next: { ...s, lastValue: level }, reason: 'disarmed' };
  if (s.lastFiredAt !== null && now - s.lastFiredAt < cooldownMs) return { fire: false, next: { ...s, lastValue: level }, reason: 'cooldown' };
  return { fire: true, next: { armed: !candidate.latch, lastFiredAt: now, lastValue: level }, reason: 'fired' };
}

export interface SnoozeLike {
  targetType?: string | null;
  target: string;
  until: Date | string | number;
}

/** True when a snooze on this target (ticker or keyword) lasts beyond event time `at`. */
export function isSnoozed(snoozes: readonly SnoozeLike[], target: { type: string; key: string }, at: number | Date): boolean {
  const t = typeof at === 'number' ? at : at.getTime();
  const key = target.type === 'ticker' ? target.key.toUpperCase() : target.key.toLowerCase();
  return snoozes.some((s) => {
    if (s.targetType && s.targetType !== target.type) return false;
    const k = target.type === 'ticker' ? s.target.toUpperCase() : s.target.toLowerCase();
    const until = s.until instanceof Date ? s.until.getTime() : typeof s.until === 'number' ? s.until : Date.parse(s.until);
    return k === key && until > t;
  });
}
