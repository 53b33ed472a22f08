/**
 * The targeted sentiment engine: links a text to companies and topics, scores the whole text and
 * each target from the clauses that speak of it. Pure and synchronous; safe on any input.
 */
import { DirectoryIndex, type Entity } from '../linker/directory-index';
import type { Mention } from '../linker/linker';
import { MODEL_BIAS, MODEL_ID, MODEL_PACKED, MODEL_REPORT_THRESHOLDS, MODEL_THRESHOLDS } from '../model/weights';
import { certainty, hasEvidence, modelLogits, type Ranges } from '../scorer/features';
import { loadModel, scoreFromLogits, type Model } from '../scorer/model';
import type { Analysis, AnalyzeOptions, TargetResult, Thresholds, WatchedKeyword, WatchedTicker } from '../types';
import { linkPrepared, linkScratch, mergeLinks, targetIndex, type Linked } from './analyze-core';
import { label3, label5, round3, thresholdsFor } from './labels';
import { prepare, type Prepared } from './prepare';
import { appended } from '../arrays';
import { headlineEnd, namesOneEntity, relevance, scopes, type Scope } from './scopes';

/** Version of the rules and lexicon; bump on any change that moves scores. */
export const RULES_VERSION = '1';

/** Stored with every score: rules version + trained weights id. */
export const MODEL_VERSION = `seismo-finsent-r${RULES_VERSION}-${MODEL_ID}`;

/** The options of `analyze(text)`: one shared object rather than a fresh `{}` per call. */
const NO_OPTIONS: Readonly<AnalyzeOptions> = {};

/**
 * The ranges of the whole text being analysed, `[[0, token count]]`: one pair rewritten per call
 * rather than two arrays made for every text. Read only by the scoring of that call.
 */
const WHOLE_TEXT: [number, number] = [0, 0];
const WHOLE_TEXT_RANGES: Ranges = [WHOLE_TEXT];

/** A keyword's mention counts for its linked tickers at this share of the keyword's relevance. */
const VIA_KEYWORD_RELEVANCE = 0.6;

let sharedModel: Model | undefined;
function model(): Model {
  sharedModel ??= loadModel(MODEL_ID, MODEL_BIAS, MODEL_PACKED);
  return sharedModel;
}

export interface SentimentEngineOptions {
  tickers?: WatchedTicker[];
  keywords?: WatchedKeyword[];
}

export class SentimentEngine {
  private index: DirectoryIndex;
  private readonly model: Model;
  /** The default (headline register) thresholds; report prose has its own (see labels.ts). */
  readonly thresholds: Thresholds = { ...MODEL_THRESHOLDS };
  private readonly reportThresholds: Thresholds = { ...MODEL_REPORT_THRESHOLDS };
  /** The pair for the text being analysed (set at the start of each synchronous `analyze`). */
  private active: Thresholds = this.thresholds;
  readonly modelVersion = MODEL_VERSION;

  constructor(opts: SentimentEngineOptions = {}) {
    this.model = model();
    this.index = DirectoryIndex.build(opts.tickers ?? [], opts.keywords ?? []);
  }

  /** Extends the built-in directory with the users' watched tickers and keywords (replaces the previous watchlist). */
  setWatchlist(tickers: WatchedTicker[], keywords: WatchedKeyword[]): void {
    this.index = DirectoryIndex.build(tickers ?? [], keywords ?? []);
  }

  analyze(text: string, opts: Readonly<AnalyzeOptions> = NO_OPTIONS): Analysis {
    this.active = thresholdsFor(text, opts.title, this.thresholds, this.reportThresholds);
    const p = prepare(text, opts.title, this.index);
    if (p.contentTokens === 0) {
      const reason = p.tokens.length === 0 ? 'empty text' : 'no words to score';
      return this.result(0, reason, this.unlinkedTargets(opts.targets));
    }
    let linked: Linked;
    let wanted: Entity[] | undefined;
    if (opts.targets && opts.targets.length) {
      const t = targetIndex(this.index, opts.targets);
      wanted = t.entities;
      // The asked-for targets, plus every other company the text names: those still bound the
      // clauses that speak of the targets ("Ashtead drives markets higher, Barclays falls").
      linked = mergeLinks(linkPrepared(p, t.index, true), linkPrepared(p, this.index), new Set(wanted));
    } else {
      linked = linkScratch(p, this.index);
    }
    WHOLE_TEXT[1] = p.tokens.length;
    const doc = this.scoreRanges(p, linked, WHOLE_TEXT_RANGES);
    const targets = this.targets(p, linked, doc, wanted);
    const reason = p.truncated ? 'text truncated to the scoring limit' : undefined;
    return this.result(doc, reason, targets);
  }

  private scoreRanges(p: Prepared, linked: Linked, ranges: Ranges): number {
    const z = modelLogits(p.tokens, p.layout, p.rules, ranges, linked.mask, this.model.table, this.model.bias);
    return scoreFromLogits(z.pos, z.neg) * certainty(p.rules, p.layout, ranges);
  }

  private result(score: number, reason: string | undefined, targets: TargetResult[]): Analysis {
    const s = round3(score);
    const out: Analysis = {
      label: label3(s, this.active),
      label5: label5(s),
      score: s,
      modelVersion: this.modelVersion,
      // A copy per result, written out: a spread copy costs more than the two fields.
      thresholds: { positive: this.active.positive, negative: this.active.negative },
      targets,
    };
    if (reason) out.reason = reason;
    return out;
  }

  private target(e: Entity, score: number, rel: number, viaKeyword?: string): TargetResult {
    const s = round3(score);
    const r: TargetResult = {
      type: e.type,
      symbol: e.symbol,
      name: e.name,
      label: label3(s, this.active),
      label5: label5(s),
      score: s,
      relevance: Math.round(rel * 100) / 100,
    };
    if (viaKeyword) r.viaKeyword = viaKeyword;
    return r;
  }

  /** Targets asked for but not named in an unscorable text: neutral, minimal relevance. */
  private unlinkedTargets(targets: string[] | undefined): TargetResult[] {
    if (!targets || targets.length === 0) return [];
    return targetIndex(this.index, targets).entities.map((e) => this.target(e, 0, 0));
  }

  /** Per scoped entity: the score of its own clauses and whether they hold any rule evidence. */
  private ownScores(p: Prepared, linked: Linked, mentions: readonly Mention[], doc: number): OwnScores {
    const scope = scopes(mentions, p.layout, p.rules, p.tokens.length);
    const own: OwnScores = { scope, score: NO_SCORES, evidence: NO_EVIDENCE, withEvidence: 0, doc };
    for (let k = 0; k < scope.length; k++) {
      const ranges = scope[k].ranges;
      const whole = ranges.length === 1 && ranges[0][0] === 0 && ranges[0][1] === p.tokens.length;
      // Entities that share their clauses ("FedEx and Adobe sign a deal": both own the words from
      // "Adobe" on) have the same ranges: score them once. A third of the scoped entities of the
      // benchmark's headlines are such, and scoring ranges is the walk over their features.
      const same = whole ? -1 : sameRangesBefore(scope, k);
      const evidence = same >= 0 ? own.evidence[same] : hasEvidence(p.rules, ranges);
      const score = whole ? doc : same >= 0 ? own.score[same] : this.scoreRanges(p, linked, ranges);
      // Literals of the exact size for the usual two or three entities: pushes into the arrays
      // of one would each call into the runtime to make room for 18.
      if (k === 0) {
        own.score = [score];
        own.evidence = [evidence];
      } else if (k === 1) {
        own.score = [own.score[0], score];
        own.evidence = [own.evidence[0], evidence];
      } else if (k === 2) {
        own.score = [own.score[0], own.score[1], score];
        own.evidence = [own.evidence[0], own.evidence[1], evidence];
      } else {
        own.score.push(score);
        own.evidence.push(evidence);
      }
      if (evidence) own.withEvidence++;
    }
    return own;
  }

  private targets(p: Prepared, linked: Linked, doc: number, wanted: Entity[] | undefined): TargetResult[] {
    const mentions = linked.mentions;
    if (mentions.length === 0 && !wanted) return [];
    // Entities in order of first mention, each with its mentions. A text names a few entities:
    // small arrays scanned linearly cost less than a Map (and a Set, and …) built for every text.
    // Plain loops and module functions rather than closures: this runs for every text, and each
    // closure (with the context holding what it captures) was one more allocation per call.
    // Most texts name one entity: then the arrays are literals of one (an empty array's first
    // push allocates room for 17).
    let named: Entity[];
    let mentionsOf: Mention[][];
    let keywords = false;
    if (mentions.length > 0 && namesOneEntity(mentions)) {
      named = [mentions[0].entity];
      mentionsOf = [mentions];
      keywords = named[0].type === 'keyword';
    } else {
      // Grown by `appended`: literals of the exact size rather than pushes into empty arrays.
      named = [];
      mentionsOf = [];
      for (const m of mentions) {
        const k = indexOfEntity(named, m.entity);
        if (k >= 0) mentionsOf[k] = appended(mentionsOf[k], m);
        else {
          named = appended(named, m.entity);
          mentionsOf = appended(mentionsOf, [m]);
          if (m.entity.type === 'keyword') keywords = true;
        }
      }
    }
    // A text that names one entity speaks of it throughout (its scope is every segment, the whole
    // text): its score is the text's, and the per-entity scopes need not be worked out.
    const own = named.length > 1 ? this.ownScores(p, linked, mentions, doc) : undefined;
    const count = named.length;
    const headEnd = headlineEnd(p.tokens, p.layout, p.titleEnd);
    const hasTitle = p.titleEnd > 0;
    // NO_TARGETS until the first target (see `appended`).
    let out = NO_TARGETS;
    for (const e of wanted ?? named) {
      const k = indexOfEntity(named, e);
      if (k < 0) {
        out = appended(out, this.target(e, doc, 0.2));
        continue;
      }
      out = appended(out, this.target(e, scoreOf(own, e, doc), relevance(mentionsOf[k], p.layout, headEnd, hasTitle, count)));
    }
    if (!wanted && keywords) {
      // Tickers linked to a keyword that the text does not name itself; the best keyword wins.
      const via: { sym: string; kw: Entity; score: number; rel: number }[] = [];
      for (let k = 0; k < named.length; k++) {
        const e = named[k];
        if (e.type !== 'keyword' || e.linked.length === 0) continue;
        const r = relevance(mentionsOf[k], p.layout, headEnd, hasTitle, count) * VIA_KEYWORD_RELEVANCE;
        const score = scoreOf(own, e, doc);
        for (const sym of e.linked) {
          if (namesTicker(named, sym)) continue;
          const prev = via.find((v) => v.sym === sym);
          if (!prev) via.push({ sym, kw: e, score, rel: r });
          else if (prev.rel < r) {
            prev.kw = e;
            prev.score = score;
            prev.rel = r;
          }
        }
      }
      for (const v of via) {
        const te = this.index.bySymbol.get(v.sym);
        const entity: Entity = te ?? { key: 't:' + v.sym, type: 'ticker', symbol: v.sym, name: null, commonWordSymbol: false, linked: [] };
        out = appended(out, this.target(entity, v.score, v.rel, v.kw.symbol));
      }
    }
    // The result owns its array: a text without targets gets an empty one of its own.
    return out === NO_TARGETS ? [] : out;
  }
}

/** `targets`' result before the first target (shared, never written). */
const NO_TARGETS: TargetResult[] = [];

/** The scoped entities of a text with the scores of their own clauses (see `targets`). */
interface OwnScores {
  scope: Scope[];
  /** Per scope entry: the score of its ranges… */
  score: number[];
  /** …and whether they hold rule evidence. */
  evidence: boolean[];
  /** Scope entries with evidence. */
  withEvidence: number;
  /** The whole text's score. */
  doc: number;
}

/** `OwnScores` of a text without scoped entities (shared, never written). */
const NO_SCORES: number[] = [];
const NO_EVIDENCE: boolean[] = [];

/**
 * An entity's score: its own clauses' when they hold evidence, else (a share of) the text's tone.
 * Without `own` (one named entity, whose clauses are the whole text) it is the text's score.
 */
function scoreOf(own: OwnScores | undefined, e: Entity, doc: number): number {
  if (own === undefined) return doc;
  let k = 0;
  while (k < own.scope.length && own.scope[k].entity !== e) k++;
  const scoped = k < own.scope.length;
  if (scoped && own.evidence[k]) return own.score[k];
  // Nothing in its own clauses: inherit the text's tone, weakly if other targets carry their own.
  return own.withEvidence > 0 ? own.doc * 0.3 : scoped ? (own.score[k] + own.doc) / 2 : own.doc;
}

/** The first scope entry before `k` with the same ranges as entry `k`, or −1. */
function sameRangesBefore(scope: readonly Scope[], k: number): number {
  const ranges = scope[k].ranges;
  outer: for (let j = 0; j < k; j++) {
    const other = scope[j].ranges;
    if (other.length !== ranges.length) continue;
    for (let r = 0; r < ranges.length; r++) {
      if (other[r][0] !== ranges[r][0] || other[r][1] !== ranges[r][1]) continue outer;
    }
    return j;
  }
  return -1;
}

/** `named.indexOf(e)` as a loop: the list holds an entity or two, and `indexOf` is a builtin call. */
function indexOfEntity(named: readonly Entity[], e: Entity): number {
  for (let k = 0; k < named.length; k++) if (named[k] === e) return k;
  return -1;
}

function namesTicker(named: readonly Entity[], symbol: string): boolean {
  for (const e of named) if (e.type === 'ticker' && e.symbol === symbol) return true;
  return false;
}

