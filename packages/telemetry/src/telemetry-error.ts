/**
 * Every failure the telemetry package reports, whether retrying can help, and what it means.
 * Callers decide by `code`, never by message text.
 */
export const telemetryErrorCodes = {
  KAFKAJS_LOADED_FIRST: {
    retriable: false,
    summary: 'kafkajs was loaded before the telemetry bootstrap, so it may not be traced.',
  },
  SHUTDOWN_TIMED_OUT: {
    retriable: false,
    summary: 'Flushing and shutting the SDK down did not finish within its deadline.',
  },
  METRICS_PORT_IN_USE: {
    retriable: false,
    summary: 'The port a service named for its metrics endpoint is already taken.',
  },
  SHUTDOWN_FAILED: {
    retriable: false,
    summary: 'The SDK reported a failure while flushing or shutting down.',
  },
} as const;

/** One code of {@link telemetryErrorCodes}. */
export type TelemetryErrorCode = keyof typeof telemetryErrorCodes;

/**
 * The error the telemetry package throws or rejects with. Carries its `code`, whether it is
 * `retriable` (from the code), and the lower-level `cause`; serialises into log JSON with all
 * three through the logger's `err` serializer.
 */
export class TelemetryError extends Error {
  override readonly name = 'TelemetryError';
  readonly code: TelemetryErrorCode;
  readonly retriable: boolean;

  constructor(code: TelemetryErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
    this.retriable = telemetryErrorCodes[code].retriable;
  }
}
