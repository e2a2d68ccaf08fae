import type { RateLimitConfig } from '../config/source-config.ts';

/** The answer of {@link TokenBucket.take}. */
export type TakeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryAfterSeconds: number };

/** A rate limit for one source. Not shared between processes: each replica limits its own share. */
export interface TokenBucket {
  /** Takes one token, or says in how many whole seconds (at least 1) one will be there. */
  take(): TakeResult;
}

// Shortcoming: the bucket lives in one process; N replicas let a source through at N times its rate.
/**
 * A token bucket that starts full: `burst` deliveries pass at once, then `perSecond` per
 * second. `nowMs` is injected so tests can drive the clock.
 */
export function createTokenBucket(limit: RateLimitConfig, nowMs: () => number): TokenBucket {
  let tokens = limit.burst;
  let refilledAtMs = nowMs();

  return {
    take() {
      const now = nowMs();
      const elapsedSeconds = Math.max(0, now - refilledAtMs) / 1000;
      tokens = Math.min(limit.burst, tokens + elapsedSeconds * limit.perSecond);
      refilledAtMs = now;
      if (tokens >= 1) {
        tokens -= 1;
        return { ok: true };
      }
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)),
      };
    },
  };
}
