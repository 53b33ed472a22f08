import { DEFAULT_RULE_PARAMS, resolveParams, validateRuleParams } from './rule-params';

describe('rule params', () => {
  it('resolves a rule’s params over the defaults, ignoring unknown keys and wrong types', () => {
    const p = resolveParams('price_move', { warnPct: 3, criticalPct: 'high', bogus: 1 });
    expect(p).toEqual({ ...DEFAULT_RULE_PARAMS.price_move, warnPct: 3 });
    expect(resolveParams('sentiment_threshold', { metric: 'ewma' }).metric).toBe('ewma');
  });

  it('validates user-supplied params with the offending field and the reason', () => {
    expect(validateRuleParams('mention_spike', { ratio: 10, minCount: 3, rearmRatio: 0.3 })).toBeNull();
    expect(validateRuleParams('mention_spike', null)).toBeNull();
    expect(validateRuleParams('mention_spike', { ratio: 'x' })).toEqual({ field: 'ratio', reason: 'must be a finite number' });
    expect(validateRuleParams('price_move', { warnPct: -1 })).toEqual({ field: 'warnPct', reason: 'must be >= 0' });
    expect(validateRuleParams('breaking', { minRelevance: 2 })).toEqual({ field: 'minRelevance', reason: 'must be between 0 and 1' });
    expect(validateRuleParams('sentiment_threshold', { metric: 'median' })).toEqual({ field: 'metric', reason: 'must be one of weightedMean, ewma' });
    expect(validateRuleParams('shock', { speed: 1 })?.field).toBe('speed');
    expect(validateRuleParams('shock', { rearmRatio: 1 })?.field).toBe('rearmRatio');
    expect(validateRuleParams('volcano', {})).toEqual({ field: 'type', reason: 'unknown rule type "volcano"' });
  });
});
