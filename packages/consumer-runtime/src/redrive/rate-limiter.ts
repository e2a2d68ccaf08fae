/** Paces work to at most a number of steps per second. */
export interface RateLimiter {
  /** Resolves when the next step may start. */
  take(): Promise<void>;
}

/** Ports of {@link createRateLimiter}, replaceable in tests. */
export interface RateLimiterPorts {
  /** Clock, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Waits `ms` milliseconds. Default a timer. */
  wait?: (ms: number) => Promise<void>;
}

/**
 * Spaces steps at least `1000 / maxPerSecond` ms apart; the first starts at once. Protects
 * the downstream a redrive hits again from a burst of everything that failed. Callers take
 * one step at a time (not for concurrent use).
 */
export function createRateLimiter(maxPerSecond: number, ports: RateLimiterPorts = {}): RateLimiter {
  const now = ports.now ?? Date.now;
  const wait =
    ports.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const spacingMs = 1000 / maxPerSecond;
  let nextMs = Number.NEGATIVE_INFINITY;

  return {
    async take() {
      const waitMs = nextMs - now();
      if (waitMs > 0) await wait(waitMs);
      nextMs = Math.max(now(), nextMs) + spacingMs;
    },
  };
}
