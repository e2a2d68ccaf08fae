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
