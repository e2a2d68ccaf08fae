import { DeliveryError } from './delivery-error.ts';
import { parseRetryAfterSeconds } from './parse-retry-after.ts';

/** A message for a Slack-compatible incoming webhook. */
export interface WebhookMessage {
  /** The text shown; carries the event id so a sink can count deliveries per event. */
  readonly text: string;
  /** Sent as the `idempotency-key` header. */
  readonly eventId: string;
}

/** Options of {@link createWebhookPoster}. */
export interface WebhookPosterOptions {
  /** The incoming-webhook URL. */
  url: string;
  /** Longest one POST may take, in ms, answer included. Default 5 000. */
  requestTimeoutMs?: number;
  /** Clock for `Retry-After` dates. Default `Date.now`. */
  now?: () => number;
}

/** Posts one message; resolves on 2xx, else throws {@link DeliveryError}. */
export type WebhookPoster = (message: WebhookMessage, signal: AbortSignal) => Promise<void>;

/** Whether an HTTP status means "not now" (retry) rather than "never" (reject). */
export function isRetriableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * Creates the poster: `POST url` with `{"text": ...}` as JSON and `idempotency-key: <event
 * id>`. 5xx, 408 and 429 throw `ENDPOINT_UNAVAILABLE` (with the `Retry-After` read), other
 * non-2xx `ENDPOINT_REJECTED`, a failed connection or the timeout `ENDPOINT_UNREACHABLE`.
 */
export function createWebhookPoster(options: WebhookPosterOptions): WebhookPoster {
  const timeoutMs = options.requestTimeoutMs ?? 5_000;
  const now = options.now ?? Date.now;

  return async (message, signal) => {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': message.eventId },
        body: JSON.stringify({ text: message.text }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (error: unknown) {
      throw new DeliveryError('ENDPOINT_UNREACHABLE', 'webhook endpoint did not answer', {
        cause: error,
      });
    }
    // The body is not needed; reading it frees the connection for reuse.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;

    const status = response.status;
    if (!isRetriableStatus(status)) {
      throw new DeliveryError('ENDPOINT_REJECTED', `webhook endpoint refused: ${status}`, {
        status,
      });
    }
    const retryAfterSeconds = parseRetryAfterSeconds(response.headers.get('retry-after'), now());
    throw new DeliveryError('ENDPOINT_UNAVAILABLE', `webhook endpoint answered ${status}`, {
      status,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  };
}
