import { codedErrorJson } from './coded-error-json.ts';

/**
 * Every failure the contract package reports: whether retrying the same call can succeed,
 * and what the code means. Callers decide by `code` (or `retriable`), never by message text.
 */
export const contractErrorCodes = {
  SCHEMA_FILE_UNREADABLE: {
    retriable: false,
    summary: 'A schema file could not be read from disk.',
  },
  SCHEMA_INVALID: {
    retriable: false,
    summary:
      'A schema file is not valid JSON or not a valid Avro schema (bad default, missing doc...).',
  },
  SCHEMA_NOT_REGISTERED: {
    retriable: false,
    summary: 'The writer schema is not registered under its subject (run `schemas register`).',
  },
  SCHEMA_INCOMPATIBLE: {
    retriable: false,
    summary: 'Two schemas cannot read records of each other under FULL_TRANSITIVE rules.',
  },
  REGISTRY_UNREACHABLE: {
    retriable: true,
    summary: 'The schema registry could not be reached or did not answer within its deadline.',
  },
  REGISTRY_REQUEST_FAILED: {
    retriable: false,
    summary: 'The schema registry answered with an error status other than "not found".',
  },
  SCHEMA_ID_UNKNOWN: {
    retriable: false,
    summary: 'The registry has no schema under the id a record names.',
  },
  CODEC_NOT_STARTED: {
    retriable: false,
    summary: '`encode` was called before `start` resolved the writer schema id.',
  },
  ENCODE_FAILED: {
    retriable: false,
    summary: 'A value does not match the writer schema.',
  },
  DECODE_FAILED: {
    retriable: false,
    summary: 'Bytes are not a Confluent-framed Avro record of a known, readable schema.',
  },
  INVALID_NAME: {
    retriable: false,
    summary: 'A source, group, prefix or topic name breaks the Kafka naming rules.',
  },
  CATALOG_UNREADABLE: {
    retriable: false,
    summary: 'The topic catalog file could not be read.',
  },
  CATALOG_INVALID: {
    retriable: false,
    summary: 'The topic catalog is not valid YAML or breaks a rule of the catalog schema.',
  },
  CATALOG_ENTRY_UNKNOWN: {
    retriable: false,
    summary: 'A group or source asked of the catalog is not declared in it.',
  },
  BROKER_UNREACHABLE: {
    retriable: true,
    summary: 'No Kafka broker could be reached within the bounded connection retries.',
  },
  BROKER_REQUEST_FAILED: {
    retriable: false,
    summary: 'The broker refused or failed an admin request (create topics, partitions, configs).',
  },
} as const;

/** One code of {@link contractErrorCodes}. */
export type ContractErrorCode = keyof typeof contractErrorCodes;

/** Options for {@link ContractError}. */
export interface ContractErrorOptions {
  /** The lower-level failure this error wraps. */
  cause?: unknown;
  /** Overrides the code's default retriability (a registry 503 is retriable, a 422 is not). */
  retriable?: boolean;
}

/**
 * The one error type this package throws. `code` is from a closed set, `retriable` says
 * whether the same call may succeed later, and `toJSON` makes it readable in pino logs.
 */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ContractErrorCode;
  readonly retriable: boolean;

  constructor(code: ContractErrorCode, message: string, options: ContractErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? contractErrorCodes[code].retriable;
  }

  /** Plain-object form for structured logs; a foreign cause is reduced to its name, code and message. */
  toJSON(): Record<string, unknown> {
    return codedErrorJson(this, (cause): cause is ContractError => cause instanceof ContractError);
  }
}

/** True when `error` is a {@link ContractError} carrying `code` (any code when omitted). */
export function isContractError(error: unknown, code?: ContractErrorCode): error is ContractError {
  return error instanceof ContractError && (code === undefined || error.code === code);
}
