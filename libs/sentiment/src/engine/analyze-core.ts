/**
 * Linking and feature extraction for one prepared text, independent of any trained weights (the
 * training script uses it to build its examples exactly as the engine sees them).
 */
import { DirectoryIndex, type Entity } from '../linker/directory-index';
import { byStart, link, type Mention } from '../linker/linker';
import { certainty, namedFeatures, type NamedFeatures } from '../scorer/features';
import type { Prepared } from './prepare';

export interface Linked {
  mentions: Mention[];
  /** Per token: 1 where a company or topic is named (masked in word features). */
  mask: Uint8Array;
}

/** Reused by `linkScratch`: large enough for the longest text (MAX_TOKENS plus a title). */
let scratchMask = new Uint8Array(256);

/**
 * `linkPrepared` into a mask buffer shared by every call: for a caller that is done with the
 * result before it links another text (the engine, synchronously within one `analyze`). Its mask
 * may be longer than the text; only the text's tokens are read. Saves a typed array per text.
 */
export function linkScratch(p: Prepared, index: DirectoryIndex): Linked {
  const n = p.tokens.length;
  if (scratchMask.length < n) scratchMask = new Uint8Array(n * 2);
  else for (let i = 0; i < n; i++) scratchMask[i] = 0;
  return linkPrepared(p, index, false, scratchMask);
}

export function linkPrepared(p: Prepared, index: DirectoryIndex, lenient = false, mask = new Uint8Array(p.tokens.length)): Linked {
  const mentions = link(p.tokens, index, p.shape, { lenient, lex: index.ownsWords(p.words) ? p.lex : undefined });
  for (const m of mentions) {
    if (m.entity.type !== 'ticker') continue;
    for (let i = m.start; i < m.end; i++) mask[i] = 1;
  }
  return { mentions, mask };
}

/** The whole text's features with their names and its certainty, as the training script sees them. */
export function documentFeatures(p: Prepared, linked: Linked): NamedFeatures & { certainty: number } {
  const ranges: [number, number][] = [[0, p.tokens.length]];
  return { ...namedFeatures(p.tokens, p.layout, p.rules, ranges, linked.mask), certainty: certainty(p.rules, p.layout, ranges) };
}

/** Target resolution for `analyze(text, { targets })`: a small index holding only those targets. */
export function targetIndex(main: DirectoryIndex, targets: readonly string[]): { index: DirectoryIndex; entities: Entity[] } {
  const index = new DirectoryIndex();
  const entities: Entity[] = [];
  for (const raw of targets) {
    const t = String(raw ?? '').trim().slice(0, 200);
    if (!t) continue;
    const e = main.resolve(t) ?? index.resolve(t) ?? index.adHoc(t);
    if (entities.includes(e)) continue;
    index.adopt(main, e);
    entities.push(e);
  }
  return { index, entities };
}

/** Target mentions first; other mentions where they do not overlap a target or name one. */
export function mergeLinks(targets: Linked, others: Linked, wanted: ReadonlySet<Entity>): Linked {
  const taken = new Uint8Array(targets.mask.length);
  for (const m of targets.mentions) for (let i = m.start; i < m.end; i++) taken[i] = 1;
  const wantedSymbols = new Set([...wanted].map((e) => e.symbol));
  const mentions = [...targets.mentions];
  const mask = Uint8Array.from(targets.mask);
  for (const m of others.mentions) {
    if (wanted.has(m.entity) || wantedSymbols.has(m.entity.symbol)) continue;
    let free = true;
    for (let i = m.start; i < m.end; i++) if (taken[i]) free = false;
    if (!free) continue;
    mentions.push(m);
    if (m.entity.type === 'ticker') for (let i = m.start; i < m.end; i++) mask[i] = 1;
  }
  mentions.sort(byStart);
  return { mentions, mask };
}
