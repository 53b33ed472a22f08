import type { PriceProvider, PriceSink, ProviderStatus } from '../price.types';
import { FinnhubPriceProvider, type FinnhubProviderOptions } from './finnhub.provider';
import { ReplayPriceProvider, type ReplayProviderOptions } from './replay.provider';
import { YahooPriceProvider, type YahooProviderOptions } from './yahoo.provider';

export type PriceProviderName = 'yahoo' | 'finnhub' | 'replay' | 'none';
export const PRICE_PROVIDER_NAMES: readonly PriceProviderName[] = ['yahoo', 'finnhub', 'replay', 'none'];

export type PriceProviderConfig =
  | ({ name: 'yahoo' } & YahooProviderOptions)
  | ({ name: 'finnhub' } & FinnhubProviderOptions)
  | ({ name: 'replay' } & ReplayProviderOptions)
  | { name: 'none' };

/** A provider that delivers nothing: prices disabled. Healthy by definition. */
export class NoPriceProvider implements PriceProvider {
  readonly name = 'none';
  async start(_symbols: string[], _sink: PriceSink): Promise<void> {}
  async stop(): Promise<void> {}
  setSymbols(_symbols: string[]): void {}
  status(): ProviderStatus {
    return { ok: true, lastError: null, lastEventAt: null };
  }
}

export function createPriceProvider(config: PriceProviderConfig): PriceProvider {
  switch (config.name) {
    case 'yahoo':
      return new YahooPriceProvider(config);
    case 'finnhub':
      return new FinnhubPriceProvider(config);
    case 'replay':
      return new ReplayPriceProvider(config);
    case 'none':
      return new NoPriceProvider();
    default:
      throw new Error(`unknown price provider "${(config as { name?: unknown }).name}" (expected ${PRICE_PROVIDER_NAMES.join(', ')})`);
  }
}
