/** Codes of {@link VerifierError}, as a closed set. */
export const VerifierErrorCode = {
  /** Options or a rotation set failed validation. */
  InvalidOptions: 'invalid_options',
  /** `createVerifier` or `sign` was asked for a scheme it does not know. */
  UnknownScheme: 'unknown_scheme',
} as const;

/** One code of {@link VerifierErrorCode}. */
export type VerifierErrorCode = (typeof VerifierErrorCode)[keyof typeof VerifierErrorCode];

/**
 * Thrown only while setting verification up (bad options, unknown scheme), never while
 * verifying a request: request problems are failure results. Never retriable, since the same
 * configuration fails the same way.
 */
// Shortcoming: a stand-alone error class, since the shared base error of the project does not exist yet.
export class VerifierError extends Error {
  override readonly name = 'VerifierError';
  readonly code: VerifierErrorCode;
  readonly retriable = false;
  /** Human-readable validation issues, when the error comes from a schema. */
  readonly issues: string | undefined;

  constructor(
    code: VerifierErrorCode,
    message: string,
    details: { cause?: unknown; issues?: string } = {},
  ) {
    super(message, { cause: details.cause });
    this.code = code;
    this.issues = details.issues;
  }

  /** The shape pino and JSON logs see. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      retriable: this.retriable,
      message: this.message,
      issues: this.issues,
    };
  }
}
