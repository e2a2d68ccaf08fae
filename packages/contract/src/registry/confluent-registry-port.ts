import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { Type } from 'avsc';
import avsc from 'avsc';
import { ContractError, type ContractErrorCode } from '../errors/contract-error.ts';
import { avroTypeOptions } from '../schema/avro-type-options.ts';
import type { SchemaRegistryPort } from './schema-registry-port.ts';

/** Options for {@link createConfluentRegistryPort}. */
export interface ConfluentRegistryPortOptions {
  /** Base URL of a Confluent-compatible API, e.g. `http://127.0.0.1:8081/apis/ccompat/v7`. */
  url: string;
  /** Longest wait for one call, retries included, in milliseconds. Default 5 000. */
  requestTimeoutMs?: number;
  /** Retries after a failed HTTP request (the library backs off from 100 ms). Default 2. */
  retries?: number;
}

const defaults = { requestTimeoutMs: 5_000, retries: 2 } as const;

/**
 * A {@link SchemaRegistryPort} over `@kafkajs/confluent-schema-registry`. Failures become
 * `ContractError`s naming the URL: `REGISTRY_UNREACHABLE` (retriable) when the registry
 * cannot be reached or a call outlives `requestTimeoutMs`, `SCHEMA_ID_UNKNOWN` /
 * `SCHEMA_NOT_REGISTERED` on 404, `SCHEMA_INCOMPATIBLE` on 409.
 */
export function createConfluentRegistryPort(
  options: ConfluentRegistryPortOptions,
): SchemaRegistryPort {
  const { url, requestTimeoutMs, retries } = { ...defaults, ...options };
  // A full retry object every time: the library merges it into a module-level default
  // object (Object.assign on its DEFAULT_RETRY), so a partial one would leak between clients.
  const registry = new SchemaRegistry(
    {
      host: url,
      retry: {
        retries,
        initialRetryTimeInSecs: 0.1,
        maxRetryTimeInSecs: 1,
        factor: 0.2,
        multiplier: 2,
      },
    },
    { forSchemaOptions: avroTypeOptions() },
  );
  const call = <T>(what: string, run: () => Promise<T>, notFound: ContractErrorCode) =>
    withDeadline(run(), requestTimeoutMs, url, what).catch((error: unknown) => {
      throw toContractError(error, url, what, notFound);
    });

  return {
    fetchType: (id) =>
      call(
        `schema id ${id}`,
        async () => avroTypeOf(id, await registry.getSchema(id)),
        'SCHEMA_ID_UNKNOWN',
      ),
    lookupId: (subject, schemaText) =>
      call(
        `lookup under ${subject}`,
        () =>
          registry.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: schemaText }),
        'SCHEMA_NOT_REGISTERED',
      ),
    register: (subject, schemaText) =>
      call(
        `register under ${subject}`,
        async () => {
          const { id } = await registry.register(
            { type: SchemaType.AVRO, schema: schemaText },
            { subject, compatibility: COMPATIBILITY.FULL_TRANSITIVE },
          );
          return id;
        },
        'SCHEMA_NOT_REGISTERED',
      ),
  };
}

/** The library types a fetched schema loosely; only an avsc Type can decode an envelope. */
function avroTypeOf(id: number, schema: unknown): Type {
  if (!avsc.Type.isType(schema)) {
    throw new ContractError('DECODE_FAILED', `schema id ${id} is not an Avro schema`);
  }
  return schema as Type;
}

/**
 * Rejects with `REGISTRY_UNREACHABLE` when `work` has not settled within `timeoutMs`.
 * Shortcoming: the library offers no abort, so the abandoned request runs on in the background.
 */
function withDeadline<T>(work: Promise<T>, timeoutMs: number, url: string, what: string) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const message = `schema registry at ${url} did not answer (${what}) within ${timeoutMs} ms`;
      reject(new ContractError('REGISTRY_UNREACHABLE', message));
    }, timeoutMs);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

// mappersmith (the library's HTTP client) reports a network failure as a response with
// status 400 whose message carries the socket error code; the code is the only signal.
const networkFailure =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up/;

function toContractError(
  error: unknown,
  url: string,
  what: string,
  notFound: ContractErrorCode,
): ContractError {
  if (error instanceof ContractError) return error;
  const status = (error as { status?: unknown }).status;
  const name = (error as { name?: unknown }).name;
  const message = error instanceof Error ? error.message : String(error);

  if (networkFailure.test(message)) {
    return new ContractError(
      'REGISTRY_UNREACHABLE',
      `cannot reach the schema registry at ${url} (${what}): ${message}`,
      { cause: error },
    );
  }
  // getRegistryIdBySchema rethrows a 404 as a bare ConfluentSchemaRegistryError.
  if (status === 404 || (status === undefined && name === 'ConfluentSchemaRegistryError')) {
    return new ContractError(notFound, `schema registry at ${url}: not found (${what})`, {
      cause: error,
    });
  }
  if (status === 409) {
    return new ContractError(
      'SCHEMA_INCOMPATIBLE',
      `schema registry at ${url} refused ${what}: ${message}`,
      { cause: error },
    );
  }
  const retriable = typeof status === 'number' && status >= 500;
  return new ContractError(
    'REGISTRY_REQUEST_FAILED',
    `schema registry at ${url} failed ${what}: ${message}`,
    { cause: error, retriable },
  );
}
