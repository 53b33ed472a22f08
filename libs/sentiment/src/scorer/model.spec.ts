import { scoreFromLogits } from './model';

/** The three-exponential softmax difference, as written before the exp(0) shortcut. */
function reference(zp: number, zn: number): number {
  const m = Math.max(zp, zn, 0);
  const ep = Math.exp(zp - m);
  const en = Math.exp(zn - m);
  const e0 = Math.exp(-m);
  return (ep - en) / (ep + en + e0);
}

describe('scoreFromLogits', () => {
  it('equals the plain three-exponential form bit for bit', () => {
    const edge = [0, -0, 1e-300, -1e-300, 0.5, -0.5, 3, -3, 700, -700, 1e308, Infinity, -Infinity, Number.NaN];
    const pairs: [number, number][] = [];
    for (const a of edge) for (const b of edge) pairs.push([a, b]);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000 - 0.5) * 12;
    for (let k = 0; k < 2000; k++) pairs.push([rnd(), rnd()]);
    for (const [a, b] of pairs) expect(Object.is(scoreFromLogits(a, b), reference(a, b))).toBe(true);
  });
});
