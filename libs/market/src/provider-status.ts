import type { PriceSink, ProviderStatus } from './price.types';
import { toError } from './price.types';

/** Keeps a provider's health and forwards errors to the sink without ever letting a sink throw. */
export class StatusTracker {
  private state: ProviderStatus = { ok: false, lastError: null, lastEventAt: null };

  constructor(private readonly now: () => number = Date.now) {}

  snapshot(): ProviderStatus {
    return { ...this.state };
  }

  markOk(): void {
    this.state.ok = true;
  }

  markEvent(): void {
    this.state.lastEventAt = this.now();
  }

  /** Records the error, marks the provider unhealthy (unless `unhealthy` is false) and reports it to the sink. */
  fail(sink: PriceSink | null, e: unknown, unhealthy = true): void {
    const error = toError(e);
    if (unhealthy) this.state.ok = false;
    this.state.lastError = error.message;
    if (!sink?.onError) return;
    try {
      sink.onError(error);
    } catch {
      // A failing error handler must not take the provider down.
    }
  }
}
