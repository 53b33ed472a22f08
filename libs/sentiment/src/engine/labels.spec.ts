import { label3, registerOf, thresholdsFor } from './labels';
import { SentimentEngine } from './sentiment.engine';
import { MODEL_REPORT_THRESHOLDS, MODEL_THRESHOLDS } from '../model/weights';

describe('registerOf', () => {
  it.each([
    'Net sales decreased by 4.2 % to EUR 77.3 million.',
    'The company will publish its half-year report on 17 July.',
    'Operating profit rose to EUR 12.4 mn from EUR 10.9 mn (EUR 8.0 mn in 2023).',
    '"We are pleased with the progress," the chief executive said.',
    'Sales grew. Margins widened in every region, and the board raised the dividend!',
  ])('reads report prose as report: %s', (text) => {
    expect(registerOf(text)).toBe('report');
  });

  it.each([
    ['a headline without a full stop', 'Nokia wins EUR 40 mn order from Telia'],
    ['a cashtag', 'Revenue grew 7 % to $540 million, $ACME says.'],
    ['a URL', 'Revenue grew 7 % to EUR 540 million. https://t.co/abc123'],
    ['a link inside', 'Read https://example.com/report for the full figures.'],
    ['a handle', '@acme revenue grew 7 % to EUR 540 million.'],
    ['a hashtag', 'Revenue grew 7 % to EUR 540 million. #earnings'],
    ['too few words', 'Sales fell.'],
    ['empty text', ''],
  ])('reads %s as headline', (_why, text) => {
    expect(registerOf(text)).toBe('headline');
  });

  it('reads any text given with a title (feed items) as headline', () => {
    expect(registerOf('Net sales decreased by 4.2 % to EUR 77.3 million.', 'Results')).toBe('headline');
    expect(registerOf('Net sales decreased by 4.2 % to EUR 77.3 million.', '')).toBe('headline');
  });

  it('picks the pair of the register', () => {
    const h = { positive: 0.4, negative: -0.4 };
    const r = { positive: 0.2, negative: -0.2 };
    expect(thresholdsFor('Net sales decreased by 4.2 % to EUR 77.3 million.', undefined, h, r)).toBe(r);
    expect(thresholdsFor('Net sales decreased by 4.2 % to EUR 77.3 million', undefined, h, r)).toBe(h);
  });
});

describe('SentimentEngine: thresholds per register', () => {
  const engine = new SentimentEngine();
  const headline = { ...MODEL_THRESHOLDS };
  const report = { ...MODEL_REPORT_THRESHOLDS };

  it('has a lower bar for report prose than for tweets and headlines', () => {
    expect(report.positive).toBeLessThan(headline.positive);
    expect(report.negative).toBeGreaterThan(headline.negative);
  });

  // Written for this test (not in any training or benchmark set). Each score lies between the two
  // pairs: polar as report prose, neutral by the headline pair that was used for everything before.
  it.each([
    ['Customer numbers in the mobile segment edged up during the quarter.', 'positive'],
    ['Sales in Spain were below the previous year.', 'negative'],
  ])('labels a mild press-release statement polar: %s', (text, label) => {
    const a = engine.analyze(text);
    expect(a.label).toBe(label);
    expect(a.thresholds).toEqual(report);
    expect(label3(a.score, headline)).toBe('neutral');
  });

  it.each([
    'The company will publish its half-year report on 17 July.',
    'The transaction costs are estimated at approximately EUR 2 million.',
  ])('keeps a factual report sentence neutral: %s', (text) => {
    const a = engine.analyze(text);
    expect(a.thresholds).toEqual(report);
    expect(a.label).toBe('neutral');
  });

  it('leaves tweets, headlines and feed items on the headline pair', () => {
    for (const text of [
      'Customer numbers in the mobile segment edged up during the quarter $ACME https://t.co/x1',
      'Customer numbers in the mobile segment edged up during the quarter',
    ]) {
      const a = engine.analyze(text);
      expect(a.thresholds).toEqual(headline);
      expect(a.label).toBe(label3(a.score, headline));
    }
    const item = engine.analyze('Customer numbers in the mobile segment edged up during the quarter.', { title: 'Q3 update' });
    expect(item.thresholds).toEqual(headline);
    // Scoring an empty text (as the worker does to store a batch's thresholds) gives the headline pair.
    expect(engine.analyze('').thresholds).toEqual(headline);
  });

  it('applies the register pair to targets as well', () => {
    const a = engine.analyze('Sales in Spain were below the previous year.', { targets: ['Inditex'] });
    expect(a.thresholds).toEqual(report);
    for (const t of a.targets) expect(t.label).toBe(label3(t.score, report));
  });
});
