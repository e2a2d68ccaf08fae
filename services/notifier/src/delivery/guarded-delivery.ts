import { PauseError, PermanentError, RetryAfterError } from '@tributary/consumer-runtime';
import CircuitBreaker from 'opossum';
import { DeliveryError } from './delivery-error.ts';
import type { WebhookMessage, WebhookPoster } from './webhook-poster.ts';

/** How the breaker judges the endpoint. */
export interface BreakerOptions {
  /** Failure share, in percent of the calls in the window, that opens the breaker. Default 50. */
  errorThresholdPercent?: number;
  /** Calls in the window before the breaker may open at all. Default 5. */
  volumeThreshold?: number;
  /** How long it stays open before one trial call (half-open), in ms. Default 30 000. */
  resetTimeoutMs?: number;
  /** The rolling window the failure share is measured over, in ms. Default 60 000. */
  windowMs?: number;
}

/** The defaults of {@link BreakerOptions}, in one place. */
export const breakerDefaults = Object.freeze({
  errorThresholdPercent: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 30_000,
  windowMs: 60_000,
});

/** A delivery guarded by a circuit breaker, speaking the runtime's error language. */
export interface GuardedDelivery {
  /**
   * Delivers one message. Resolves when the endpoint took it; otherwise throws what the
   * runtime acts on: `PermanentError` (refused: DLQ), `RetryAfterError` (not now, with the
   * endpoint's wait), the `DeliveryError` itself (not now, next tier), or `PauseError` while
   * the breaker is open (hold the partition, no attempt spent).
   */
  deliver(message: WebhookMessage, signal: AbortSignal): Promise<void>;
  /** `closed`, `open` or `half-open`. */
  state(): 'closed' | 'open' | 'half-open';
  /** Times the breaker opened since start. */
  openings(): number;
  /** Stops the breaker's timers. */
  shutdown(): void;
}

/**
 * Wraps `poster` in an opossum circuit breaker. Refusals (4xx) do not count against the
 * endpoint: it answered. While the breaker is open, or when a failure opens it, the handler
 * pauses until the breaker's next trial instead of spending the event's attempts, so an
 * outage longer than all retry tiers together dead-letters nothing. Safe for concurrent
 * calls: in half-open state one trial runs and the others pause.
 */
// Shortcoming: one breaker per process; instances of the service each learn of an outage on
// their own (each spends up to `volumeThreshold` failures, hence attempts, before pausing).
export function createGuardedDelivery(
  poster: WebhookPoster,
  options: BreakerOptions = {},
  now: () => number = Date.now,
): GuardedDelivery {
  const o = { ...breakerDefaults, ...options };
  const breaker = new CircuitBreaker(poster, {
    timeout: false, // the poster has its own deadline, and the handler's signal
    errorThresholdPercentage: o.errorThresholdPercent,
    volumeThreshold: o.volumeThreshold,
    resetTimeout: o.resetTimeoutMs,
    rollingCountTimeout: o.windowMs,
    // True means "not a failure of the endpoint": it answered, and refused this message.
    errorFilter: (error: unknown) => error instanceof DeliveryError && !error.retriable,
  });
  let openedAtMs = 0;
  let openings = 0;
  breaker.on('open', () => {
    openedAtMs = now();
    openings += 1;
  });

  const pauseSeconds = (atLeastSeconds = 0) => {
    const untilTrialMs = openedAtMs + o.resetTimeoutMs - now();
    return Math.max(untilTrialMs / 1000, atLeastSeconds, 0.1);
  };

  return {
    async deliver(message, signal) {
      try {
        await breaker.fire(message, signal);
      } catch (error: unknown) {
        throw translate(error);
      }
    },
    state: () => (breaker.halfOpen ? 'half-open' : breaker.opened ? 'open' : 'closed'),
    openings: () => openings,
    shutdown: () => breaker.shutdown(),
  };

  function translate(error: unknown): Error {
    if (isOpenBreaker(error)) {
      return new PauseError(pauseSeconds(), 'circuit breaker open', { cause: error });
    }
    if (!(error instanceof DeliveryError))
      return error instanceof Error ? error : new Error(String(error));
    if (!error.retriable) return new PermanentError(error.message, { cause: error });
    // This failure opened the breaker (or its half-open trial failed): stop spending attempts.
    if (!breaker.closed) {
      return new PauseError(pauseSeconds(error.retryAfterSeconds), 'circuit breaker opened', {
        cause: error,
      });
    }
    if (error.retryAfterSeconds !== undefined) {
      return new RetryAfterError(error.retryAfterSeconds, error.message, { cause: error });
    }
    return error;
  }
}

function isOpenBreaker(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'EOPENBREAKER'
  );
}
