/**
 * FNV-1a string hashes and a small open-addressing table keyed by them. The tokenizer hashes
 * every token once; the lexicon, the directory and the model then look tokens up with that hash
 * instead of making the engine re-hash fresh strings in a `Map` at every stage.
 */
import type { TokenStore } from './tokenize';

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
  /**
   * Per slot: where its key's char codes start in `codes`. Tokens are compared with keys as
   * typed arrays (see TokenStore.folded): `charCodeAt` on the key dispatches on its representation.
   */
  private codeAt: Int32Array;
  private codes = new Uint16Array(64);
  private codesUsed = 0;
  private mask: number;
  private count = 0;

  constructor(capacity = 64) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.hashes = new Int32Array(size);
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.values = new Array<V | undefined>(size).fill(undefined);
    this.codeAt = new Int32Array(size);
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

  /** Lookup of token i's lower-case form, compared in place (see TokenStore.is). */
  getToken(tokens: TokenStore, i: number): V | undefined {
    const h = tokens.hash[i];
    let k = (h ^ (h >>> 15)) & this.mask;
    for (;;) {
      const key = this.keys[k];
      if (key === undefined) return undefined;
      if (this.hashes[k] === h && (tokens.isFolded(i) ? this.sameCodes(k, key.length, tokens.folded, tokens.start[i], tokens.end[i]) : tokens.is(i, key))) return this.values[k];
      k = (k + 1) & this.mask;
    }
  }

  /** Whether the key in slot k (of length `length`) is `folded[from, to)`. */
  private sameCodes(k: number, length: number, folded: Uint16Array, from: number, to: number): boolean {
    if (to - from !== length) return false;
    const codes = this.codes;
    const at = this.codeAt[k];
    for (let m = 0; m < length; m++) if (codes[at + m] !== folded[from + m]) return false;
    return true;
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
        this.codeAt[i] = this.addCodes(key);
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

  /** Appends the char codes of `key` to `codes`; returns where they start. */
  private addCodes(key: string): number {
    const at = this.codesUsed;
    if (at + key.length > this.codes.length) {
      const grown = new Uint16Array((at + key.length) * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    for (let m = 0; m < key.length; m++) this.codes[at + m] = key.charCodeAt(m);
    this.codesUsed = at + key.length;
    return at;
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
    this.codeAt = new Int32Array(size);
    this.codesUsed = 0;
    this.mask = size - 1;
    this.count = 0;
    for (const [k, v] of old) this.set(k, v);
  }
}

/** A set of words as a table, for lookups by token (`getToken`) rather than by string. */
export function wordTable(words: readonly string[]): StringTable<true> {
  const table = new StringTable<true>(words.length);
  for (const w of words) table.set(w, true);
  return table;
}
