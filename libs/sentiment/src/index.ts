/**
 * @seismo/sentiment — targeted finance sentiment: pure TypeScript, no Nest, no I/O.
 *
 *   const engine = new SentimentEngine({ tickers, keywords });
 *   engine.analyze('Apple climbs while Nvidia slumps');
 */
export type {
  Analysis,
  AnalyzeOptions,
  Label,
  Label5,
  ScoreLine,
  ScoreLineTarget,
  ScoreRequest,
  TargetResult,
  Thresholds,
  WatchedKeyword,
  WatchedTicker,
} from './types';
export { SentimentEngine, MODEL_VERSION, RULES_VERSION, type SentimentEngineOptions } from './engine/sentiment.engine';
export { scoreRequests, MAX_REQUEST_TARGETS } from './engine/score-requests';
export { LABEL5_CUTOFFS, label3, label5 } from './engine/labels';
export { MAX_TEXT_CHARS } from './text/sanitize';
export { COMPANIES } from './directory/companies';
export { BUILT_IN_TOPICS } from './directory/topics';
export { isCommonWordSymbol, type Company, type CompanyAlias } from './directory/company';
