/**
 * General-purpose lexicon scorers the benchmark compares against, each reduced to a 3-way label
 * by its usual rule: AFINN and wink by the sign of the score, VADER by compound ±0.05.
 */
import { afinn165FinancialMarketNews } from 'afinn-165-financialmarketnews';
import { createRequire } from 'node:module';
import type { Label } from '../types';

const require = createRequire(import.meta.url);

interface SentimentLib {
  analyze(text: string, opts?: { language?: string }): { score: number };
  registerLanguage(code: string, language: { labels: Record<string, number>; scoringStrategy?: unknown }): void;
}
interface SentimentLanguage {
  labels: Record<string, number>;
  scoringStrategy: unknown;
}
interface VaderLib {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
type WinkLib = (text: string) => { score: number; normalizedScore: number };

export interface Baseline {
  name: string;
  label(text: string): Label;
}

const bySign = (x: number): Label => (x > 0 ? 'positive' : x < 0 ? 'negative' : 'neutral');

export function loadBaselines(): Baseline[] {
  const SentimentCtor = require('sentiment') as new () => SentimentLib;
  const afinn = new SentimentCtor();
  const vader = require('vader-sentiment') as VaderLib;
  const wink = require('wink-sentiment') as WinkLib;
  // `analyze(t, { extras })` merges the extras into the shared English labels for good (it
  // mutates them), which would contaminate the plain AFINN run; a separate language avoids that.
  const en = require('sentiment/languages/en/index.js') as SentimentLanguage;
  afinn.registerLanguage('en-financial', { labels: { ...en.labels, ...afinn165FinancialMarketNews }, scoringStrategy: en.scoringStrategy });
  return [
    { name: 'AFINN (sentiment)', label: (t) => bySign(afinn.analyze(t).score) },
    { name: 'AFINN-financial', label: (t) => bySign(afinn.analyze(t, { language: 'en-financial' }).score) },
    {
      name: 'VADER',
      label: (t) => {
        const c = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
        return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
      },
    },
    { name: 'wink-sentiment', label: (t) => bySign(wink(t).normalizedScore) },
  ];
}

/** The `sentiment` package (AFINN) scorer, for throughput comparisons. */
export function afinnScorer(): (text: string) => number {
  const SentimentCtor = require('sentiment') as new () => SentimentLib;
  const afinn = new SentimentCtor();
  return (t) => afinn.analyze(t).score;
}
