import { exitCodes } from '../program/exit-codes.ts';

/**
 * Every failure the CLI itself reports, as a closed set: the exit code it ends the process
 * with, whether running the same command later can succeed unchanged, and what it means.
 * Errors of the contract package and of commander's parsing are handled beside these.
 */
export const cliErrorCodes = {
  usage: {
    exitCode: exitCodes.usage,
    retriable: false,
    summary: 'The command line is wrong in a way commander cannot see (a missing --event-type).',
  },
  unknown_payload: {
    exitCode: exitCodes.usage,
    retriable: false,
    summary: 'The payload argument is neither a built-in example of the source nor a file.',
  },
  payload_unreadable: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary: 'The payload file could not be read.',
  },
  payload_invalid: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary: 'The payload file is not valid JSON.',
  },
  secret_missing: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary: 'No secret was given by flag, environment or the dev secrets file.',
  },
  secrets_file_unreadable: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary: 'The dev secrets file exists but could not be read.',
  },
  secret_unusable: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary:
      'The secret cannot sign for the source scheme (Standard Webhooks wants whsec_<base64>).',
  },
  ingress_unreachable: {
    exitCode: exitCodes.failure,
    retriable: true,
    summary: 'The ingress URL refused the connection, did not resolve or did not answer in time.',
  },
  unexpected_answers: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary:
      'Some ingress answers were not of the expected class (2xx, or 401 with --bad-signature).',
  },
} as const;

/** One code of {@link cliErrorCodes}. */
export type CliErrorCode = keyof typeof cliErrorCodes;

/**
 * The one error type the CLI throws. `message` is the single line printed to stderr (after
 * `error: `); `code` decides the exit code; `toJSON` keeps it readable if it is ever logged.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly retriable: boolean;

  constructor(code: CliErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = cliErrorCodes[code].retriable;
  }

  /** The process exit code this error ends a command with. */
  get exitCode(): number {
    return cliErrorCodes[this.code].exitCode;
  }

  /** Plain-object form for structured logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, retriable: this.retriable };
  }
}

/** True when `error` is a {@link CliError} carrying `code` (any code when omitted). */
export function isCliError(error: unknown, code?: CliErrorCode): error is CliError {
  return error instanceof CliError && (code === undefined || error.code === code);
}
