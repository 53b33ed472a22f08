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
});
