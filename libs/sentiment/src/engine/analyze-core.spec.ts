import { DirectoryIndex } from '../linker/directory-index';
import { modelLogits, summarise } from '../scorer/features';
import { loadModel } from '../scorer/model';
import { MODEL_BIAS, MODEL_ID, MODEL_PACKED } from '../model/weights';
import { linkPrepared, linkScratch } from './analyze-core';
import { prepare } from './prepare';

const index = DirectoryIndex.build([{ symbol: 'ACME', name: 'Acme Robotics' }]);

describe('linkScratch', () => {
  it('links like linkPrepared, into a shared mask that is cleared for each text', () => {
    const texts = ['Nvidia and Apple shares rise 5% after Acme Robotics deal', 'Profit falls at the plant', '$TSLA slides; Microsoft gains', 'a', ''];
    for (const text of texts) {
      const p = prepare(text, undefined, index);
      const fresh = linkPrepared(p, index);
      const shared = linkScratch(p, index);
      expect(shared.mentions).toEqual(fresh.mentions);
      // The shared mask may be longer than the text: only the text's tokens count, and they match.
      expect(Array.from(shared.mask.subarray(0, p.tokens.length))).toEqual(Array.from(fresh.mask));
    }
  });
});

describe('scoring scratch', () => {
  const model = loadModel(MODEL_ID, MODEL_BIAS, MODEL_PACKED);
  const logitsOf = (text: string) => {
    const p = prepare(text, undefined, index);
    const z = modelLogits(p.tokens, p.layout, p.rules, [[0, p.tokens.length]], linkPrepared(p, index).mask, model.table, model.bias);
    return { pos: z.pos, neg: z.neg };
  };

  it('gives the same logits for a text whatever was scored before', () => {
    const first = logitsOf('Nvidia shares plunge 17% after weak guidance');
    logitsOf('Apple may raise its dividend? Analysts upgrade the stock');
    expect(logitsOf('Nvidia shares plunge 17% after weak guidance')).toEqual(first);
  });

  it('summarises into a used summary exactly as into a fresh one', () => {
    const p = prepare('Sales rose 5% but profit may fall? Record loss widened', undefined, index);
    const ranges = [[0, p.tokens.length]] as const;
    const dirty = { pos: 9, neg: 9, composedPos: 9, composedNeg: 9, count: 9, cues: 9, question: true };
    expect(summarise(p.rules, p.layout, ranges, dirty)).toEqual(summarise(p.rules, p.layout, ranges));
  });
});
