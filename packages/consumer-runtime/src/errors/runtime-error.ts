import { codedErrorJson } from '@tributary/contract';

/**
 * Every failure the consumer runtime reports, whether the same step can succeed later, and
 * what the code means. Callers and the runtime itself decide by `code` (or `retriable`),
 * never by message text. The first three are thrown by handlers (see `handler-errors.ts`).
 */
export const runtimeErrorCodes = {
  HANDLER_PERMANENT: {
    retriable: false,
    summary: 'The handler says the record can never succeed: it goes straight to the DLQ.',
  },
  HANDLER_RETRY_AFTER: {
    retriable: true,
    summary: 'The handler asks for the next attempt no earlier than a given number of seconds.',
  },
  HANDLER_PAUSE: {
    retriable: true,
    summary:
      'The handler says its downstream is unavailable as a whole: the partition is held and the record runs again, no attempt counted.',
  },
  HANDLER_FAILED: {
    retriable: true,
    summary: 'The handler threw something other than a runtime error; the record is retried.',
  },
  HANDLER_TIMEOUT: {
    retriable: true,
    summary: 'The handler did not settle within its timeout; its signal was aborted.',
  },
  SHUTDOWN_ABORTED: {
    retriable: true,
    summary: 'Shutdown passed its bound while the handler ran; its signal was aborted.',
  },
  INVALID_DEFINITION: {
    retriable: false,
    summary: 'A service definition or start option is invalid (the message lists every field).',
  },
  TOPIC_READ_FAILED: {
    retriable: true,
    summary: 'A topic (dedup marks, a DLQ) could not be read to its end within the bound.',
  },
  TRANSACTION_FAILED: {
    retriable: true,
    summary: 'A batch transaction (forwards, marks, offsets) failed and was aborted.',
  },
  STOPPED: {
    retriable: false,
    summary: 'The service is stopping or stopped; the step was not started.',
  },
  SHUTDOWN_TIMED_OUT: {
    retriable: false,
    summary: 'stop() did not finish in-flight work and leave the group within its bound.',
  },
  REDRIVE_REFUSED: {
    retriable: false,
    summary: 'A redrive request names no records, an unknown DLQ topic, or a group without tiers.',
  },
} as const;

/** One code of {@link runtimeErrorCodes}. */
export type RuntimeErrorCode = keyof typeof runtimeErrorCodes;

/** Options for {@link RuntimeError}. */
export interface RuntimeErrorOptions {
  /** The lower-level failure this error wraps. */
  cause?: unknown;
  /** Overrides the code's default retriability. */
  retriable?: boolean;
}

/**
 * The base of every error this package throws or hands to a handler. `code` is from a closed
 * set, `retriable` says whether the same step may succeed later, and `toJSON` makes it
 * readable in pino logs.
 */
export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
  readonly code: RuntimeErrorCode;
  readonly retriable: boolean;

  constructor(code: RuntimeErrorCode, message: string, options: RuntimeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? runtimeErrorCodes[code].retriable;
  }

  /** Plain-object form for structured logs; a foreign cause is reduced to its name, code and message. */
  toJSON(): Record<string, unknown> {
    return codedErrorJson(this, (cause): cause is RuntimeError => cause instanceof RuntimeError);
  }
}

/** True when `error` is a {@link RuntimeError} carrying `code` (any code when omitted). */
export function isRuntimeError(error: unknown, code?: RuntimeErrorCode): error is RuntimeError {
  return error instanceof RuntimeError && (code === undefined || error.code === code);
}
