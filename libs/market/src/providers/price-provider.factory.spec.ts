import { FinnhubPriceProvider } from './finnhub.provider';
import { createPriceProvider, NoPriceProvider, type PriceProviderConfig } from './price-provider.factory';
import { ReplayPriceProvider } from './replay.provider';
import { YahooPriceProvider } from './yahoo.provider';

describe('createPriceProvider', () => {
  it('chooses the implementation by name', () => {
    expect(createPriceProvider({ name: 'yahoo', baseUrl: 'http://127.0.0.1:1' })).toBeInstanceOf(YahooPriceProvider);
    expect(createPriceProvider({ name: 'finnhub', token: 'x' })).toBeInstanceOf(FinnhubPriceProvider);
    expect(createPriceProvider({ name: 'replay', bars: [] })).toBeInstanceOf(ReplayPriceProvider);
    expect(createPriceProvider({ name: 'none' }).name).toBe('none');
  });

  it('the none provider is healthy and silent', async () => {
    const p = new NoPriceProvider();
    await p.start(['NVDA'], { onBar: () => { throw new Error('no bars expected'); } });
    await p.stop();
    expect(p.status()).toEqual({ ok: true, lastError: null, lastEventAt: null });
  });

  it('rejects unknown names and bad replay speeds', () => {
    expect(() => createPriceProvider({ name: 'bloomberg' } as unknown as PriceProviderConfig)).toThrow(/unknown price provider "bloomberg"/);
    expect(() => createPriceProvider({ name: 'replay', speed: 0 })).toThrow(/speed/);
  });
});
