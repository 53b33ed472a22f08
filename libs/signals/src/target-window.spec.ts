import type { Observation } from './signal.types';
import { prepareObservations, TargetWindow, windowStats } from './target-window';

const H = 3_600_000;
const o = (t: number, score: number, relevance: number, articleId: number): Observation => ({ t, score, relevance, articleId });

describe('windowStats', () => {
  const obs = [o(0, 0.9, 1, 1), o(1 * H, -0.5, 0.5, 2), o(2 * H, -0.2, 1, 3), o(3 * H, 0.4, 0.1, 4), o(4 * H, 0.1, 1, 5)];

  it('computes count, means, weighted std and velocity over (from, to]', () => {
    const s = windowStats(obs, 0, 4 * H, { minRelevance: 0.2 });
    // Articles 2, 3, 5 (1 is at `from`, excluded; 4 is below the relevance floor).
    expect(s.count).toBe(3);
    expect(s.mean).toBeCloseTo((-0.5 - 0.2 + 0.1) / 3, 10);
    const wm = (0.5 * -0.5 + 1 * -0.2 + 1 * 0.1) / 2.5;
    expect(s.weightedMean).toBeCloseTo(wm, 10);
    const variance = (0.5 * (-0.5 - wm) ** 2 + (-0.2 - wm) ** 2 + (0.1 - wm) ** 2) / 2.5;
    expect(s.std).toBeCloseTo(Math.sqrt(variance), 10);
    expect(s.velocityPerHour).toBeCloseTo(3 / 4, 10);
  });

  it('EWMA leans toward recent observations', () => {
    const s = windowStats(obs, -1, 4 * H, { halfLifeMs: H });
    // The newest article (score 0.1, relevance 1) dominates the EWMA more than the plain weighted mean.
    expect(Math.abs(s.ewma - 0.1)).toBeLessThan(Math.abs(s.weightedMean - 0.1));
    const w = [0.5 ** 4, 0.5 * 0.5 ** 3, 0.5 ** 2, 0.1 * 0.5, 1];
    const scores = [0.9, -0.5, -0.2, 0.4, 0.1];
    expect(s.ewma).toBeCloseTo(w.reduce((a, x, i) => a + x * scores[i], 0) / w.reduce((a, x) => a + x, 0), 10);
  });

  it('an empty window is all zeros', () => {
    expect(windowStats(obs, 10 * H, 11 * H)).toMatchObject({ count: 0, mean: 0, weightedMean: 0, ewma: 0, std: 0, velocityPerHour: 0 });
  });
});

describe('prepareObservations', () => {
  it('sorts by event time, keeps one per article, drops the future', () => {
    const out = prepareObservations([o(3, 0.1, 1, 7), o(1, 0.2, 1, 8), o(2, 0.3, 1, 7), o(9, 0.5, 1, 9)], 5);
    expect(out.map((x) => [x.articleId, x.t])).toEqual([
      [8, 1],
      [7, 2],
    ]);
  });
});

describe('TargetWindow', () => {
  it('holds observations in time order, once per article, within its age and size bounds', () => {
    const w = new TargetWindow({ maxAgeMs: 10 * H, maxSize: 5 });
    expect(w.add(o(2 * H, 0.1, 1, 1))).toBe(true);
    expect(w.add(o(1 * H, 0.2, 1, 2))).toBe(true);
    expect(w.add(o(3 * H, 0.3, 1, 1))).toBe(false);
    expect(w.observations().map((x) => x.articleId)).toEqual([2, 1]);
    w.add(o(12 * H, -0.4, 1, 3)); // pushes the 1 H observation out of the 10 H age window
    expect(w.observations().map((x) => x.articleId)).toEqual([1, 3]);
    for (let i = 0; i < 10; i++) w.add(o(13 * H + i, 0, 1, 100 + i));
    expect(w.size).toBe(5);
    expect(w.stats(12 * H, 14 * H).count).toBe(5);
    expect(w.observations(13 * H + 6).map((x) => x.articleId)).toEqual([105, 106]);
  });

  it('gives the observations at or before a time, equal times included, as a copy', () => {
    const w = new TargetWindow();
    const times = [1, 2, 2, 2, 3, 5, 5, 8];
    times.forEach((t, i) => w.add(o(t * H, 0, 1, i + 1)));
    for (const asOf of [0, 1, 2, 2.5, 5, 7, 8, 9]) {
      expect(w.observations(asOf * H).map((x) => x.t / H)).toEqual(times.filter((t) => t <= asOf));
    }
    const all = w.observations();
    all.pop();
    expect(w.size).toBe(times.length);
  });

  // A small deterministic generator, so that a failure can be replayed.
  const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  it('merges a batch (addAll) into the same window as adding its observations one at a time', () => {
    const r = rng(7);
    // Articles seen again are recent ones: `add` evicts after each observation, `addAll` after the
    // batch, so an article dropped earlier in the same batch would come back with `add` only.
    const one = new TargetWindow({ maxAgeMs: 20 * H, maxSize: 10_000 });
    const merged = new TargetWindow({ maxAgeMs: 20 * H, maxSize: 10_000 });
    let id = 0;
    for (let batch = 0; batch < 30; batch++) {
      // Late and early news alike, some articles again (already held), some equal times.
      const list = Array.from({ length: 1 + Math.floor(r() * 40) }, () => o(Math.floor(r() * 10) * H + batch * H, r() * 2 - 1, r(), r() < 0.1 && id > 20 ? id - Math.floor(r() * 20) : ++id));
      list.sort((a, b) => a.t - b.t || a.articleId - b.articleId);
      const added = list.filter((x) => one.add(x)).length;
      expect(merged.addAll(list)).toBe(added);
      expect(merged.observations()).toEqual(one.observations());
      expect(merged.size).toBe(one.size);
      // Their running sums (kept in columns beside the items, through merges, inserts and evictions) agree with a pass.
      for (const w of [one, merged]) {
        const slice = w.observations(batch * H + 5 * H);
        for (const minRelevance of [0, 0.5]) {
          const a = windowStats(slice, batch * H - 8 * H, batch * H + 5 * H, { minRelevance });
          const b = windowStats([...slice], batch * H - 8 * H, batch * H + 5 * H, { minRelevance });
          expect(a.count).toBe(b.count);
          expect(a.weightedMean).toBeCloseTo(b.weightedMean, 9);
        }
      }
    }
    // The age bound held: the oldest is within 20 hours of the newest, and some were dropped.
    const all = merged.observations();
    expect(all.at(-1)!.t - all[0].t).toBeLessThanOrEqual(20 * H);
    expect(merged.size).toBeLessThan(id);
  });

  it("answers windowStats on its slices from running sums, the same as a pass over a plain copy, and not once it has changed", () => {
    const r = rng(11);
    const w = new TargetWindow({ maxAgeMs: 1000 * H, maxSize: 10_000 });
    w.addAll(Array.from({ length: 2_000 }, (_, i) => o(i * 0.1 * H, r() * 2 - 1, r(), i + 1)));
    const close = (a: ReturnType<typeof windowStats>, b: ReturnType<typeof windowStats>) => {
      expect(a.count).toBe(b.count);
      for (const k of ['mean', 'weightedMean', 'velocityPerHour', 'sumRelevance', 'ewma'] as const) expect(a[k]).toBeCloseTo(b[k], 9);
      // The standard deviation is a square root of a difference of sums: rounding shows at 1e-8.
      expect(a.std).toBeCloseTo(b.std, 6);
    };
    for (let k = 0; k < 200; k++) {
      const asOf = r() * 210 * H;
      const slice = w.observations(asOf);
      const plain = [...slice];
      const from = asOf - r() * 100 * H;
      const minRelevance = [0, 0.3, 0.7][k % 3];
      close(windowStats(slice, from, asOf, { minRelevance }), windowStats(plain, from, asOf, { minRelevance }));
    }
    // The sums are the window's: a slice's element replaced by the caller does not enter them
    // (which shows the running sums, not a pass over the slice, answered).
    const edited = w.observations();
    const plainStats = windowStats([...edited], 0, 300 * H);
    edited[10] = { ...edited[10], score: 100 };
    expect(windowStats(edited, 0, 300 * H).mean).toBeCloseTo(plainStats.mean, 9);
    expect(windowStats([...edited], 0, 300 * H).mean).not.toBeCloseTo(plainStats.mean, 3);
    // A slice handed out before a change keeps its own observations: its stats are still its own.
    const before = w.observations(100 * H);
    w.add(o(50 * H + 1, 5, 1, 99_999));
    close(windowStats(before, 0, 100 * H, { minRelevance: 0.3 }), windowStats([...before], 0, 100 * H, { minRelevance: 0.3 }));
    expect(windowStats(w.observations(100 * H), 0, 100 * H).count).toBe(windowStats(before, 0, 100 * H).count + 1);
  });
});
