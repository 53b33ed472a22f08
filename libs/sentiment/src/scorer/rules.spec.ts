import { prepare } from '../engine/prepare';
import { DirectoryIndex } from '../linker/directory-index';
import { certainty, ruleScore, summarise } from './features';

const index = DirectoryIndex.build();

/** The rule layer's own verdict (−1..1), without the statistical model. */
function rules(text: string): number {
  const p = prepare(text, undefined, index);
  return ruleScore(summarise(p.rules, p.layout, [[0, p.tokens.length]]));
}

function evidence(text: string): string[] {
  const p = prepare(text, undefined, index);
  return p.rules.evidence.map((e) => `${p.tokens.lower(e.pos)}${e.value > 0 ? '+' : '-'}`);
}

describe('finance rules', () => {
  it('composes a direction with the metric it moves', () => {
    expect(rules('Revenue rose')).toBeGreaterThan(0);
    expect(rules('Revenue fell')).toBeLessThan(0);
    expect(rules('Losses widened')).toBeLessThan(0);
    expect(rules('Losses narrowed')).toBeGreaterThan(0);
    expect(rules('The company cut guidance')).toBeLessThan(0);
    expect(rules('The company raised guidance')).toBeGreaterThan(0);
    expect(rules('The company cut costs')).toBeGreaterThan(0);
    expect(rules('Price target raised to $90')).toBeGreaterThan(0);
    expect(rules('Unemployment rises')).toBeLessThan(0);
    expect(rules('Mortgage rates dipped')).toBe(0);
  });

  it('finds the head of a compound metric and the state a move ends in', () => {
    expect(rules('The loss per share narrowed to EUR 0.27')).toBeGreaterThan(0);
    expect(rules('The company slipped to a net loss')).toBeLessThan(0);
    expect(rules('The group swung into profit')).toBeGreaterThan(0);
  });

  it('reads a direction alone as a move of the subject', () => {
    expect(rules('Nvidia slumps')).toBeLessThan(0);
    expect(rules('Apple climbs')).toBeGreaterThan(0);
    expect(evidence('Shares slowed down')).toEqual(['slowed-']);
  });

  it('gives numbers a direction and a size', () => {
    expect(evidence('Pareteum +8% after CEO exit')).toEqual(['+8%+']);
    expect(evidence('$CTSO (-18.9% pre) pauses study')).toEqual(['-18.9%-', 'pauses-']);
    expect(evidence('Deposit rate at -0.5%')).toEqual([]);
    expect(Math.abs(rules('Shares fell 30%'))).toBeGreaterThan(Math.abs(rules('Shares fell 1%')));
    expect(rules('Net sales totalled EUR 21.1 mn compared with EUR 18.6 mn')).toBeGreaterThan(0);
    expect(rules('Net sales totalled EUR 15.0 mn compared with EUR 18.6 mn')).toBeLessThan(0);
    expect(rules('Net sales were EUR 21.1 mn in 2008 compared with 2007')).toBe(0);
    expect(rules('Operating profit was EUR 9.8 mn, compared to a loss of EUR 12.7 mn')).toBeGreaterThan(0);
    expect(rules('The operating loss was EUR 0.9 mn, compared to a profit of EUR 11.5 mn')).toBeLessThan(0);
    expect(rules('The operating loss was EUR 179 mn, compared to a loss of EUR 188 mn')).toBeGreaterThan(0);
  });

  it('flips negated items and keeps some of their strength', () => {
    expect(rules('Profit did not rise')).toBeLessThan(0);
    expect(rules('Shares did not fall')).toBeGreaterThan(0);
    expect(Math.abs(rules('Shares did not fall'))).toBeLessThan(Math.abs(rules('Shares fell')));
    expect(rules('Apple dodged the rout')).toBeGreaterThan(0);
    expect(rules('Not only did sales rise, margins improved')).toBeGreaterThan(0);
  });

  it('weighs the clause after "but" over the one before, and a concession less', () => {
    expect(rules('Sales rose but margins fell sharply')).toBeLessThan(0);
    expect(rules('Despite weak sales, profit jumped')).toBeGreaterThan(0);
    expect(rules('Profit jumped despite weak sales')).toBeGreaterThan(0);
  });

  it('scales with intensifiers and diminishers', () => {
    expect(rules('Profit fell sharply')).toBeLessThan(rules('Profit fell'));
    expect(rules('Profit fell slightly')).toBeGreaterThan(rules('Profit fell'));
  });

  it('lowers certainty for hedges and questions, not for plain statements', () => {
    const c = (t: string) => {
      const p = prepare(t, undefined, index);
      return certainty(p.rules, p.layout, [[0, p.tokens.length]]);
    };
    expect(c('Profit fell')).toBe(1);
    expect(c('Profit may fall')).toBeLessThan(1);
    expect(c('Will profit fall?')).toBeLessThanOrEqual(0.5);
  });

  it('reads analyst actions', () => {
    expect(rules('Acme cut to Sell at Jefferies')).toBeLessThan(0);
    expect(rules('Acme upgraded to Buy from Hold')).toBeGreaterThan(0);
    expect(rules('Acme downgraded to neutral from buy')).toBeLessThan(0);
    expect(rules('Acme initiated at Outperform')).toBeGreaterThan(0);
    expect(evidence('Acme to buy rival for $2bn')).toEqual([]);
  });

  it('lets the head noun decide a record', () => {
    expect(rules('Nvidia posts record market-cap loss')).toBeLessThan(0);
    expect(rules('Record quarterly revenue')).toBeGreaterThan(0);
  });

  it('counts neutral-reporting cues without scoring them', () => {
    const p = prepare('Nvidia to report earnings on Wednesday', undefined, index);
    expect(p.rules.cues.length).toBe(1);
    expect(p.rules.evidence).toEqual([]);
  });
});
