/**
 * Built-in topics: keywords the linker reports before any user watches anything. A topic with
 * `symbols` counts for those tickers with a relevance below a direct mention. Kept short on
 * purpose: users add their own through the watchlist.
 */
import type { WatchedKeyword } from '../types';

export const BUILT_IN_TOPICS: readonly WatchedKeyword[] = [
  {
    term: 'DeepSeek',
    aliases: ['DeepSeek-R1', 'DeepSeek R1', 'DeepSeek-V3', 'DeepSeek AI', 'R1 model', 'R1 reasoning model'],
    symbols: ['NVDA', 'AVGO', 'TSM', 'ASML'],
  },
  { term: 'export controls', aliases: ['export control', 'export curbs', 'export restrictions', 'chip export curbs', 'chip export ban'] },
];
