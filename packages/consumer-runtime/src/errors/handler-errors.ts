import { RuntimeError } from './runtime-error.ts';

/**
 * Thrown by a handler for a failure no retry can fix (a malformed payload, a rule the event
 * breaks): the record goes to the DLQ after this one attempt.
 */
export class PermanentError extends RuntimeError {
  override readonly name = 'PermanentError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('HANDLER_PERMANENT', message, options);
  }
}

/**
 * Thrown by a handler when a downstream asked it to come back later (HTTP 429 or 503 with
 * `Retry-After`): the next attempt runs no earlier than `retryAfterSeconds` from now, in the
 * first remaining tier whose delay covers that wait (else the last tier). Counts as an
 * attempt, so `maxAttempts` still bounds it.
 */
export class RetryAfterError extends RuntimeError {
  override readonly name = 'RetryAfterError';
  /** The wait the downstream asked for, in seconds (fractions allowed, never negative). */
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message?: string, options: { cause?: unknown } = {}) {
    const seconds = Number.isFinite(retryAfterSeconds) ? Math.max(0, retryAfterSeconds) : 0;
    super(
      'HANDLER_RETRY_AFTER',
      message ?? `downstream asked to retry after ${seconds} s`,
      options,
    );
    this.retryAfterSeconds = seconds;
  }
}

/**
 * Thrown by a handler when its downstream is unavailable as a whole, not just for this event
 * (a circuit breaker is open): the attempt does not count and nothing is forwarded. The
 * record's partition is held for `pauseSeconds` (at least 0.1 s) and the same record then runs
 * again, with the same attempt number; records behind it wait with it. Unlike
 * `RetryAfterError`, it can never exhaust `maxAttempts` and so never dead-letters an event:
 * the price is that the partition makes no progress while the handler keeps pausing.
 */
export class PauseError extends RuntimeError {
  override readonly name = 'PauseError';
  /** How long the partition is held before the record runs again, in seconds. */
  readonly pauseSeconds: number;

  constructor(pauseSeconds: number, message?: string, options: { cause?: unknown } = {}) {
    const seconds = Number.isFinite(pauseSeconds) ? Math.max(0.1, pauseSeconds) : 0.1;
    super('HANDLER_PAUSE', message ?? `downstream unavailable; pausing ${seconds} s`, options);
    this.pauseSeconds = seconds;
  }
}
