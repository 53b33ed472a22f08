/**
 * FNV-1a string hashes and a small open-addressing table keyed by them. The tokenizer hashes
 * every token once; the lexicon, the directory and the model then look tokens up with that hash
 * instead of making the engine re-hash fresh strings in a `Map` at every stage.
 */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over UTF-16 code units of `s[from, to)`, as a signed 32-bit integer: V8 keeps those as
 * small integers, where an unsigned hash above 2^31 would be a heap-allocated number in every
 * token. Every consumer mixes hashes with 32-bit integer operations, which read both alike.
 */
export function hashRange(s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

export class StringTable<V> {
  private hashes: Int32Array;
  private keys: (string | undefined)[];
  private values: (V | undefined)[];
  private mask: number;
  private count = 0;

  constructor(capacity = 64) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.hashes = new Int32Array(size);
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.values = new Array<V | undefined>(size).fill(undefined);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Lookup with a precomputed `hashString(key)`. */
  getHashed(key: string, hash: number): V | undefined {
    const h = hash | 0;
    let i = (h ^ (h >>> 15)) & this.mask;
    for (;;) {
      const k = this.keys[i];
      if (k === undefined) return undefined;
      if (this.hashes[i] === h && k === key) return this.values[i];
      i = (i + 1) & this.mask;
    }
  }

  get(key: string): V | undefined {
    return this.getHashed(key, hashString(key));
  }

  set(key: string, value: V): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const h = hashString(key) | 0;
    let i = (h ^ (h >>> 15)) & this.mask;
    for (;;) {
      const k = this.keys[i];
      if (k === undefined) {
        this.keys[i] = key;
        this.hashes[i] = h;
        this.values[i] = value;
        this.count++;
        return;
      }
      if (this.hashes[i] === h && k === key) {
        this.values[i] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  *entries(): IterableIterator<[string, V]> {
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i];
      if (k !== undefined) yield [k, this.values[i] as V];
    }
  }

  private grow(): void {
    const old = [...this.entries()];
    const size = (this.mask + 1) * 2;
    this.hashes = new Int32Array(size);
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.values = new Array<V | undefined>(size).fill(undefined);
    this.mask = size - 1;
    this.count = 0;
    for (const [k, v] of old) this.set(k, v);
  }
}
