import { registerOf, thresholdsFor } from './labels';

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
