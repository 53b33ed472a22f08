import { NewsFanout, type NewsTarget } from './news-fanout';

const tick = () => new Promise<void>((r) => setImmediate(r));
const ids = (n: number, prefix = 's') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function recorder(log: string[], name: string, sockets: string[]): NewsTarget {
  return { recipients: () => sockets, emit: (slice) => log.push(`${name}:${slice[0]}..${slice.at(-1)}(${slice.length})`) };
}

async function drain(f: NewsFanout): Promise<void> {
  for (let i = 0; i < 1_000 && f.pending; i++) await tick();
}

describe('NewsFanout', () => {
  it('writes an event a slice at a time, yielding between slices', async () => {
    const log: string[] = [];
    const f = new NewsFanout(100, undefined, undefined, 0);
    f.push(recorder(log, 'a', ids(250)));
    expect(log).toEqual([]); // nothing is written synchronously
    await tick();
    expect(log).toEqual(['a:s0..s99(100)']);
    await drain(f);
    expect(log).toEqual(['a:s0..s99(100)', 'a:s100..s199(100)', 'a:s200..s249(50)']);
  });

  it('lets work queued meanwhile (an alert read from Redis) run between two slices', async () => {
    const log: string[] = [];
    const f = new NewsFanout(100, undefined, undefined, 0);
    f.push(recorder(log, 'article', ids(300)));
    await tick();
    // An "alert" arriving while the article is being written goes out before its remaining slices.
    setImmediate(() => log.push('alert'));
    await drain(f);
    expect(log.indexOf('alert')).toBeGreaterThan(0);
    expect(log.indexOf('alert')).toBeLessThan(log.length - 1);
  });

  it('keeps news events in order, each fully written before the next', async () => {
    const log: string[] = [];
    const f = new NewsFanout(2, undefined, undefined, 0);
    f.push(recorder(log, 'a', ids(3)));
    f.push(recorder(log, 'b', ids(1)));
    f.push(recorder(log, 'c', []));
    f.push(recorder(log, 'd', ids(2)));
    await drain(f);
    expect(log).toEqual(['a:s0..s1(2)', 'a:s2..s2(1)', 'b:s0..s0(1)', 'd:s0..s1(2)']);
    expect(f.pending).toBe(0);
  });

  it('resolves recipients when the event is written, not when it is queued', async () => {
    const log: string[] = [];
    const f = new NewsFanout(10, undefined, undefined, 0);
    const sockets = ['x'];
    f.push({ recipients: () => [...sockets], emit: (s) => log.push(s.join(',')) });
    sockets.push('y'); // joined before the event's turn
    await drain(f);
    expect(log).toEqual(['x,y']);
  });

  it('drops the oldest waiting events beyond its bound, and says so', async () => {
    const log: string[] = [];
    const drops: number[] = [];
    const f = new NewsFanout(10, 2, (n) => drops.push(n), 0);
    for (const name of ['a', 'b', 'c', 'd']) f.push(recorder(log, name, ids(1)));
    await drain(f);
    expect(log).toEqual(['c:s0..s0(1)', 'd:s0..s0(1)']);
    expect(drops).toEqual([1, 2]);
    expect(f.dropped).toBe(2);
  });

  it('holds each news event for its delay, then writes it', async () => {
    const written: number[] = [];
    const f = new NewsFanout(100, undefined, undefined, 40);
    const t0 = Date.now();
    f.push({ recipients: () => ids(3), emit: () => written.push(Date.now()) });
    for (let i = 0; i < 400 && f.pending; i++) await new Promise((r) => setTimeout(r, 5));
    expect(written).toHaveLength(1);
    // Never before its delay, however slow the machine (a timer does not fire early).
    expect(written[0] - t0).toBeGreaterThanOrEqual(39);
  });

  it('clear() forgets a held event', async () => {
    const log: string[] = [];
    const f = new NewsFanout(100, undefined, undefined, 10);
    f.push(recorder(log, 'a', ids(3)));
    f.clear();
    await new Promise((r) => setTimeout(r, 30));
    expect(log).toEqual([]);
    expect(f.pending).toBe(0);
  });
});
