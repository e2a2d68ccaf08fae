/** Why a summary was not delivered; `retriable` says whether another try can succeed. */
export const deliveryErrorCodes = {
  ENDPOINT_REJECTED: {
    retriable: false,
    summary: 'The endpoint answered a 4xx other than 408 and 429: the message itself is refused.',
  },
  ENDPOINT_UNAVAILABLE: {
    retriable: true,
    summary: 'The endpoint answered 5xx, 408 or 429: it cannot take the message now.',
  },
  ENDPOINT_UNREACHABLE: {
    retriable: true,
    summary: 'No answer: the connection failed or the request timed out.',
  },
} as const;

/** One code of {@link deliveryErrorCodes}. */
export type DeliveryErrorCode = keyof typeof deliveryErrorCodes;

/** A failed POST to the webhook endpoint. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly code: DeliveryErrorCode;
  readonly retriable: boolean;
  /** The HTTP status, when the endpoint answered. */
  readonly status: number | undefined;
  /** The endpoint's `Retry-After`, in seconds, when it sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: DeliveryErrorCode,
    message: string,
    details: { status?: number; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.code = code;
    this.retriable = deliveryErrorCodes[code].retriable;
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  toJSON() {
    return { name: this.name, code: this.code, message: this.message, status: this.status };
  }
}
