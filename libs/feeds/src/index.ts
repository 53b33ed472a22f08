export { FeedError, isFeedError, type FeedErrorCode } from './feed-error';
export {
  fetchFeed,
  parseRetryAfter,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  type FetchOptions,
  type FetchResult,
} from './fetch-feed';
export {
  checkAddress,
  parseAllowList,
  EMPTY_ALLOW_LIST,
  type AddressCategory,
  type AddressCheck,
  type AllowList,
} from './address-guard';
export { decodeBody, sniffCharset } from './charset';
export { parseFeed } from './feed-parser';
export type { ParsedFeed, RawItem } from './feed.types';
export { normalizeItems, contentHash, publishedAt, SUMMARY_MAX_CHARS, type NormalizedItem } from './normalize';
export { htmlToText, decodeEntities } from './html-text';
export { canonicalizeUrl } from './canonical-url';
export { storyKey, titleSimilarity, titleTokens, StoryMatcher, STORY_SIMILARITY_THRESHOLD, type Similar } from './story-key';
export { verifyWebSubSignature } from './websub';
export { nextRetryDelayMs, BACKOFF_BASE_MS, BACKOFF_MAX_MS } from './backoff';
