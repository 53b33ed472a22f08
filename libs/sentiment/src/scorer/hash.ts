/**
 * 32-bit feature hashing. A word feature's id is derived from its parts (kind, term, negation),
 * so the hot path never builds feature strings; the training script still has the strings and
 * writes them into the weights module, which is hashed the same way when it loads.
 */

import { hashString } from '../text/string-table';

export { hashString };

/** murmur3 finaliser. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function unigramId(term: number, negated: boolean): number {
  return mix(term ^ (negated ? 0x27d4eb2f : 0x165667b1));
}

export function bigramId(a: number, b: number): number {
  return mix(Math.imul(a, 0x9e3779b1) ^ b ^ 0x61c88647);
}

export function namedId(name: string): number {
  return mix(hashString(name) ^ 0x3c6ef372);
}

/**
 * The id of a feature written as text in the weights module: `u:term`, `u:not_term`, `b:a b`,
 * or a named rule feature such as `r:pos`.
 */
export function idOfKey(key: string): number {
  if (key.startsWith('u:not_')) return unigramId(hashString(key.slice(6)), true);
  if (key.startsWith('u:')) return unigramId(hashString(key.slice(2)), false);
  if (key.startsWith('b:')) {
    const sp = key.indexOf(' ', 2);
    return bigramId(hashString(key.slice(2, sp)), hashString(key.slice(sp + 1)));
  }
  return namedId(key);
}

/*
 * A slot's weights and scoring scratch sit together in one 16-byte record, so that a feature the
 * model knows costs one cache line for all four instead of one in each of four parallel arrays
 * (the table is far larger than the L2 cache). The probe array (`keys`) stays apart and compact:
 * most probes are for features the model does not know and touch nothing else.
 *
 * An empty slot holds key 0, so a probe reads one array (`keys`) instead of two (`used` and
 * `keys`: two cache misses per probe in a table this size). The one id that is 0 itself lives in
 * an extra record after the table (`zeroSlot`). Measured: +2–3 % when the cache is shared (two
 * engines in one process, A/B median 1.026); within noise (≤ 1 %) for a lone engine.
 */
const POS = 0;
const NEG = 1;
/** Scratch for one scoring pass: the largest weight of the feature's occurrences… */
const BEST = 2;
/** …valid when the stamp (an integer, read through `stamps`) equals `generation`. */
const STAMP = 3;
const STRIDE = 4;

/** Open-addressing table from feature id to two weights (positive, negative class). */
export class WeightTable {
  /** Per slot: the feature id, 0 for an empty slot. */
  private readonly keys: Int32Array;
  /** Per slot: POS, NEG, BEST as float32 (as the separate arrays held them before). */
  private readonly weights: Float32Array;
  /** The same buffer as `weights`, for the STAMP field. */
  private readonly stamps: Int32Array;
  generation = 0;
  private readonly mask: number;
  /** The record of id 0 (after the table's slots), −1 until id 0 is set. */
  private zeroSlot = -1;

  constructor(capacityHint: number) {
    let size = 16;
    while (size < capacityHint * 2) size <<= 1;
    this.keys = new Int32Array(size);
    // One record more than slots: the record of id 0.
    const records = new ArrayBuffer((size + 1) * STRIDE * 4);
    this.weights = new Float32Array(records);
    this.stamps = new Int32Array(records);
    this.mask = size - 1;
  }

  /** Starts a scoring pass: every slot becomes unseen. */
  nextGeneration(): void {
    this.generation++;
    if (this.generation === 0x7fffffff) {
      for (let r = STAMP; r < this.stamps.length; r += STRIDE) this.stamps[r] = 0;
      this.generation = 1;
    }
  }

  set(id: number, wPos: number, wNeg: number): void {
    const k = id | 0;
    let i: number;
    if (k === 0) i = this.zeroSlot = this.mask + 1;
    else {
      i = id & this.mask;
      while (this.keys[i] !== 0 && this.keys[i] !== k) i = (i + 1) & this.mask;
      this.keys[i] = k;
    }
    this.weights[i * STRIDE + POS] += wPos;
    this.weights[i * STRIDE + NEG] += wNeg;
  }

  /** Slot of the id, or −1. */
  slot(id: number): number {
    // Feature ids leave `mix` (unigramId, bigramId, namedId): their low bits are already
    // uniform, so they index the table as they are, without a second round of mixing.
    const k = id | 0;
    if (k === 0) return this.zeroSlot;
    let i = id & this.mask;
    for (;;) {
      const key = this.keys[i];
      if (key === k) return i;
      if (key === 0) return -1;
      i = (i + 1) & this.mask;
    }
  }

  pos(s: number): number {
    return this.weights[s * STRIDE + POS];
  }

  neg(s: number): number {
    return this.weights[s * STRIDE + NEG];
  }

  /**
   * Records an occurrence of slot `s` with `weight` in the current pass and keeps the largest
   * weight (stored as float32). Returns true on the slot's first occurrence in the pass.
   */
  offer(s: number, weight: number): boolean {
    const r = s * STRIDE;
    if (this.stamps[r + STAMP] === this.generation) {
      if (weight > this.weights[r + BEST]) this.weights[r + BEST] = weight;
      return false;
    }
    this.stamps[r + STAMP] = this.generation;
    this.weights[r + BEST] = weight;
    return true;
  }

  /**
   * `offer(slot(id), weight)` in one call: the slot of `id` when this is its first occurrence in
   * the pass, else −1 (also for an id the model does not know). The scorer's sink calls it for
   * every feature occurrence; as two calls, `offer` was not inlined into the walk (2 % self time).
   */
  offerId(id: number, weight: number): number {
    const k = id | 0;
    let s: number;
    if (k === 0) s = this.zeroSlot;
    else {
      let i = id & this.mask;
      for (;;) {
        const key = this.keys[i];
        if (key === k) break;
        if (key === 0) return -1;
        i = (i + 1) & this.mask;
      }
      s = i;
    }
    if (s < 0) return -1;
    const r = s * STRIDE;
    if (this.stamps[r + STAMP] === this.generation) {
      if (weight > this.weights[r + BEST]) this.weights[r + BEST] = weight;
      return -1;
    }
    this.stamps[r + STAMP] = this.generation;
    this.weights[r + BEST] = weight;
    return s;
  }

  /** The largest weight offered for slot `s` in the current pass. */
  best(s: number): number {
    return this.weights[s * STRIDE + BEST];
  }
}
