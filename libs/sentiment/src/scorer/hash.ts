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

/** Open-addressing table from feature id to two weights. */
export class WeightTable {
  private readonly keys: Int32Array;
  private readonly used: Uint8Array;
  readonly pos: Float32Array;
  readonly neg: Float32Array;
  /** Scratch for one scoring pass: a slot is "seen" when its stamp equals `generation`. */
  readonly stamp: Int32Array;
  readonly best: Float32Array;
  generation = 0;
  private readonly mask: number;

  constructor(capacityHint: number) {
    let size = 16;
    while (size < capacityHint * 2) size <<= 1;
    this.keys = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.pos = new Float32Array(size);
    this.neg = new Float32Array(size);
    this.stamp = new Int32Array(size);
    this.best = new Float32Array(size);
    this.mask = size - 1;
  }

  nextGeneration(): void {
    this.generation++;
    if (this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
  }

  set(id: number, wPos: number, wNeg: number): void {
    let i = mix(id) & this.mask;
    while (this.used[i] && this.keys[i] !== (id | 0)) i = (i + 1) & this.mask;
    this.used[i] = 1;
    this.keys[i] = id | 0;
    this.pos[i] += wPos;
    this.neg[i] += wNeg;
  }

  /** Slot of the id, or −1. */
  slot(id: number): number {
    let i = mix(id) & this.mask;
    const k = id | 0;
    while (this.used[i]) {
      if (this.keys[i] === k) return i;
      i = (i + 1) & this.mask;
    }
    return -1;
  }
}
