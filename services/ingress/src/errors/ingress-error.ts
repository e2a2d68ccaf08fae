/**
 * Every failure the ingress reports, as a closed set. Request-level codes carry the HTTP status
 * they are answered with and the public message of the answer body; start-up codes have no
 * status. `retriable` says whether the same request (or start) can succeed later unchanged.
 * A test keeps this table and the README's answer table in step.
 */
export const ingressErrorCodes = {
  unauthenticated: {
    status: 401,
    retriable: false,
    message: 'the request could not be authenticated',
  },
  unknown_source: { status: 404, retriable: false, message: 'no webhook source has this name' },
  not_found: { status: 404, retriable: false, message: 'nothing is served at this path' },
  method_not_allowed: {
    status: 405,
    retriable: false,
    message: 'webhooks are accepted with POST only',
  },
  malformed_json: { status: 400, retriable: false, message: 'the body is not valid JSON' },
  invalid_utf8: { status: 400, retriable: false, message: 'the body is not valid UTF-8 text' },
  malformed_gzip: {
    status: 400,
    retriable: false,
    message: 'the body is not valid gzip data',
  },
  missing_event_type: {
    status: 400,
    retriable: false,
    message: 'the event type could not be found in the request',
  },
  invalid_event_field: {
    status: 400,
    retriable: false,
    message: 'an event id, type or partition key in the request is too long',
  },
  body_too_large: {
    status: 413,
    retriable: false,
    message: 'the body is larger than this source accepts',
  },
  inflated_body_too_large: {
    status: 413,
    retriable: false,
    message: 'the decompressed body is larger than this source accepts',
  },
  missing_content_type: {
    status: 415,
    retriable: false,
    message: 'the request has no Content-Type',
  },
  unsupported_media_type: {
    status: 415,
    retriable: false,
    message: 'this source does not accept the Content-Type sent',
  },
  unsupported_charset: { status: 415, retriable: false, message: 'only UTF-8 text is accepted' },
  unsupported_content_encoding: {
    status: 415,
    retriable: false,
    message: 'this source does not accept the Content-Encoding sent',
  },
  rate_limited: {
    status: 429,
    retriable: true,
    message: 'this source is over its rate limit; retry later',
  },
  saturated: {
    status: 429,
    retriable: true,
    message: 'the ingress is at its limit of publishes in flight; retry later',
  },
  not_ready: {
    status: 503,
    retriable: true,
    message: 'the ingress is not connected to Kafka yet; retry later',
  },
  shutting_down: {
    status: 503,
    retriable: true,
    message: 'the ingress is shutting down; retry later',
  },
  publish_timeout: {
    status: 503,
    retriable: true,
    message: 'Kafka did not acknowledge the event in time; retry later',
  },
  publish_failed: {
    status: 503,
    retriable: true,
    message: 'Kafka refused the event; retry later',
  },
  malformed_request: {
    status: 400,
    retriable: false,
    message: 'the request could not be parsed',
  },
  internal_error: {
    status: 500,
    retriable: true,
    message: 'the ingress failed unexpectedly',
  },
  request_aborted: {
    status: 400,
    retriable: true,
    message: 'the client closed the request before sending the whole body',
  },
  config_invalid: {
    status: undefined,
    retriable: false,
    message: 'the ingress configuration is invalid',
  },
} as const;

/** One code of {@link ingressErrorCodes}. */
export type IngressErrorCode = keyof typeof ingressErrorCodes;

/** Options of {@link IngressError}. */
export interface IngressErrorOptions {
  /** The lower-level failure this error wraps. */
  cause?: unknown;
  /** Seconds a client should wait before retrying; sent as `Retry-After` (429 and 503). */
  retryAfterSeconds?: number;
  /** Why, in more detail than the code, for logs only (never sent to the client). */
  reason?: string;
}

/**
 * The one error type of the ingress. `code` is from {@link ingressErrorCodes}; `status` is the
 * HTTP status a request failing with it is answered with; `publicMessage` is the only text the
 * client sees, so internal detail (which verification check failed) stays in the logs.
 */
export class IngressError extends Error {
  override readonly name = 'IngressError';
  readonly code: IngressErrorCode;
  readonly retriable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly reason: string | undefined;

  constructor(code: IngressErrorCode, message?: string, options: IngressErrorOptions = {}) {
    super(
      message ?? ingressErrorCodes[code].message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.retriable = ingressErrorCodes[code].retriable;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.reason = options.reason;
  }

  /** HTTP status of the answer; 500 for codes that are not about a request. */
  get status(): number {
    return ingressErrorCodes[this.code].status ?? 500;
  }

  /** The message the client sees in the answer body. */
  get publicMessage(): string {
    return ingressErrorCodes[this.code].message;
  }

  /** Plain-object form for structured logs. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retriable: this.retriable,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
    };
  }
}

/** True when `error` is an {@link IngressError}, with `code` when one is given. */
export function isIngressError(error: unknown, code?: IngressErrorCode): error is IngressError {
  return error instanceof IngressError && (code === undefined || error.code === code);
}
