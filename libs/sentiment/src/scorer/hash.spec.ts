import { bigramId, idOfKey, unigramId, WeightTable } from './hash';
import { hashString } from '../text/string-table';

describe('WeightTable', () => {
  it('finds the weights of known ids (as float32, summed for repeated ids) and −1 for unknown ones', () => {
    const t = new WeightTable(4);
    t.set(idOfKey('u:rise'), 0.1, -0.2);
    t.set(idOfKey('b:shares rise'), 1.5, 0);
    t.set(idOfKey('u:rise'), 0.2, 0);
    const s = t.slot(unigramId(hashString('rise'), false));
    expect(s).toBeGreaterThanOrEqual(0);
    expect(t.pos(s)).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
    expect(t.neg(s)).toBe(Math.fround(-0.2));
    expect(t.pos(t.slot(bigramId(hashString('shares'), hashString('rise'))))).toBe(1.5);
    expect(t.slot(unigramId(hashString('rise'), true))).toBe(-1);
    expect(t.slot(0)).toBe(-1);
  });

  it('keeps the largest weight offered per slot within one pass, and forgets it in the next', () => {
    const t = new WeightTable(4);
    t.set(7, 1, 1);
    t.set(0, 1, 1);
    const a = t.slot(7);
    const b = t.slot(0);
    t.nextGeneration();
    expect(t.offer(a, 0.35)).toBe(true);
    expect(t.offer(a, 1.4)).toBe(false);
    expect(t.offer(a, 0.6)).toBe(false);
    expect(t.best(a)).toBe(Math.fround(1.4));
    expect(t.offer(b, 0.6)).toBe(true);
    expect(t.best(b)).toBe(Math.fround(0.6));
    // Weights and scratch share records: the weights are untouched.
    expect([t.pos(a), t.neg(a), t.pos(b), t.neg(b)]).toEqual([1, 1, 1, 1]);
    t.nextGeneration();
    expect(t.offer(a, 0.35)).toBe(true);
    expect(t.best(a)).toBe(Math.fround(0.35));
  });

  it('keeps ids apart that share their low bits (slots start at the id itself)', () => {
    const t = new WeightTable(8);
    const ids = [5, 5 + (1 << 20), 5 + (1 << 25), 5 - (1 << 30), idOfKey('u:rise')];
    ids.forEach((id, k) => t.set(id, k + 1, -(k + 1)));
    ids.forEach((id, k) => {
      const s = t.slot(id);
      expect(s).toBeGreaterThanOrEqual(0);
      expect([t.pos(s), t.neg(s)]).toEqual([k + 1, -(k + 1)]);
    });
    expect(t.slot(5 + (1 << 21))).toBe(-1);
  });
});
