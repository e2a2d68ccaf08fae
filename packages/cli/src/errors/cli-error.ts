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
  unknown_service: {
    exitCode: exitCodes.usage,
    retriable: false,
    summary: 'The --service names no consumer group of the topic catalog.',
  },
  record_id_invalid: {
    exitCode: exitCodes.usage,
    retriable: false,
    summary: 'A DLQ record id is not <partition>:<offset> or <dlq topic>:<partition>:<offset>.',
  },
  record_not_found: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary: 'No DLQ record sits at the given id.',
  },
  topics_missing: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary: 'The service DLQ topics do not exist on the broker (topics apply was not run).',
  },
  dlq_unavailable: {
    exitCode: exitCodes.failure,
    retriable: true,
    summary: 'Reading a DLQ or the dedup marks, or a redrive transaction, failed or timed out.',
  },
  redrive_refused: {
    exitCode: exitCodes.refused,
    retriable: false,
    summary: 'dlq replay: some selected records were refused (redriven too often already).',
  },
  consumer_name_invalid: {
    exitCode: exitCodes.usage,
    retriable: false,
    summary: 'The new consumer name is not kebab-case or is reserved.',
  },
  consumer_exists: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary: 'A service folder or catalog group of that name exists already; nothing is changed.',
  },
  catalog_unwritable: {
    exitCode: exitCodes.failure,
    retriable: false,
    summary: 'The topic catalog could not be read, edited or written back.',
  },
  process_manager: {
    exitCode: exitCodes.failure,
    retriable: true,
    summary: 'platform: the pm2 daemon under .local/platform could not be started or reached.',
  },
  platform_not_ready: {
    exitCode: exitCodes.failure,
    retriable: true,
    summary: 'platform up: a process exited or was not ready in time; its log is named.',
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
