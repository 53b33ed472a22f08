/** Words that change other words: negators, intensifiers, hedges, contrast, neutral reporting. */

/** Flip what follows (within a short window). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nor', 'neither', 'without', "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't",
  "weren't", "won't", "wouldn't", "can't", "cannot", "couldn't", "hasn't", "haven't", "hadn't", "shouldn't",
  'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'wont', 'cant', 'hardly', 'barely', 'lack', 'lacks', 'lacked', 'unable',
  'unlikely', 'avoid', 'avoids', 'avoided', 'averts', 'averted', 'eliminates', 'eliminated', 'dodge', 'dodges', 'dodged',
  'escape', 'escapes', 'escaped', 'shrug', 'shrugs', 'shrugged',
  "don’t", "doesn’t", "didn’t", "isn’t", "wasn’t", "won’t", "can’t", "hasn’t", "haven’t",
]);

/** Multiply the next polar word or move. */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['sharply', 1.5], ['significantly', 1.4], ['substantially', 1.4], ['strongly', 1.4], ['considerably', 1.3],
  ['dramatically', 1.6], ['markedly', 1.3], ['steeply', 1.5], ['massively', 1.6], ['hugely', 1.5], ['very', 1.3],
  ['extremely', 1.5], ['highly', 1.2], ['heavily', 1.3], ['deeply', 1.3], ['much', 1.2], ['far', 1.2], ['huge', 1.4],
  ['massive', 1.5], ['big', 1.2], ['biggest', 1.5], ['largest', 1.3], ['steep', 1.4], ['sharp', 1.4], ['strong', 1.2],
  ['record', 1.5], ['solid', 1.2], ['double-digit', 1.4], ['triple-digit', 1.6], ['unprecedented', 1.5], ['severe', 1.4],
  ['severely', 1.4], ['most', 1.2], ['further', 1.1], ['again', 1.1], ['historic', 1.4], ['hard', 1.3],
]);

/** Shrink the next polar word or move. */
export const DIMINISHERS: ReadonlyMap<string, number> = new Map([
  ['slightly', 0.5], ['marginally', 0.5], ['modestly', 0.6], ['somewhat', 0.6], ['slight', 0.5], ['modest', 0.6],
  ['marginal', 0.5], ['small', 0.7], ['little', 0.6], ['edged', 0.5], ['edges', 0.5], ['edge', 0.5], ['mildly', 0.6],
  ['partly', 0.7], ['partially', 0.7], ['minor', 0.6], ['fractionally', 0.4],
]);

/** Make a sentence less certain (and so less polar). */
export const HEDGES: ReadonlyMap<string, number> = new Map([
  ['may', 0.7], ['might', 0.6], ['could', 0.7], ['would', 0.8], ['reportedly', 0.8], ['possibly', 0.6], ['possible', 0.7],
  ['potential', 0.8], ['potentially', 0.7], ['perhaps', 0.6], ['considering', 0.7], ['considers', 0.7], ['mulls', 0.7],
  ['weighs', 0.7], ['explores', 0.8], ['exploring', 0.8], ['rumor', 0.6], ['rumors', 0.6], ['rumour', 0.6],
  ['rumours', 0.6], ['speculation', 0.7], ['if', 0.7], ['whether', 0.6], ['unless', 0.7], ['seeks', 0.85],
]);

/** Connectives that open a clause which outweighs what came before. */
export const CONTRAST_AFTER: ReadonlySet<string> = new Set(['but', 'however', 'yet', 'nevertheless', 'nonetheless', 'still']);

/** Connectives that open a concession, which weighs less than the main clause. */
export const CONCESSIVE: ReadonlySet<string> = new Set(['despite', 'although', 'notwithstanding', 'though', 'even']);

/** Connectives that split two subjects (Apple climbs while Nvidia slumps). */
export const SPLITTERS: ReadonlySet<string> = new Set(['while', 'whereas', 'meanwhile', 'but', 'however', 'although', 'though', 'despite', 'whilst']);

/**
 * Neutral reporting: a text made of these says that something will happen or was published,
 * not how it went ("to report earnings on", "adds model to catalogue").
 */
export const NEUTRAL_CUES: ReadonlyArray<string> = [
  'to report', 'will report', 'to release', 'will release', 'to announce', 'will announce', 'to present', 'to host',
  'to hold', 'to webcast', 'conference call', 'earnings call', 'webcast', 'transcript', 'presentation', 'to attend',
  'scheduled', 'schedules', 'schedule', 'date for', 'announces date', 'earnings date', 'preview', 'what to expect',
  'ahead of earnings', 'earnings preview', 'investor day', 'annual meeting', 'annual general meeting', 'agm',
  'files for', 'prospectus', 'declares', 'declared', 'ex-dividend', 'stocks to watch', 'to watch', 'how to',
  'is it a buy', 'should you buy', 'adds', 'added to', 'catalogue', 'catalog', 'reports q1', 'reports q2',
  'reports q3', 'reports q4', 'reports results', 'reports first quarter', 'reports second quarter',
  'reports third quarter', 'reports fourth quarter', 'announces results', 'results of operations', 'set to',
  'slideshow', 'podcast', 'interview', 'live blog', 'here\'s why', 'here is why', 'explained', 'what is',
  'premarket movers', 'movers', 'notable', 'in focus', 'on watch', 'appoints', 'appointed', 'names', 'named',
  'nominated', 'to join', 'joins', 'rebrands', 'renames', 'relocates', 'completes', 'completed', 'closes',
  'acquisition of', 'to acquire', 'to buy', 'to merge', 'merger', 'offering', 'pricing of', 'prices offering',
];
