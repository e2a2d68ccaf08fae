import type { Resolver, Type } from 'avsc';
import type { WebhookEnvelope } from '../envelope/webhook-envelope.ts';
import { ContractError } from '../errors/contract-error.ts';
import type { SchemaRegistryPort } from '../registry/schema-registry-port.ts';
import type { LoadedSchema } from '../schema/load-schema-file.ts';
import { frameRecord, unframeRecord } from './wire-format.ts';
import { createWriterSchemaCache, type WriterSchemaCache } from './writer-schema-cache.ts';

/** Options for {@link createEnvelopeCodec}. */
export interface EnvelopeCodecOptions {
  /** Registry access (see `createConfluentRegistryPort`). */
  registry: SchemaRegistryPort;
  /** The envelope version this process speaks: `encode` writes it, `decode` resolves into it. */
  schema: LoadedSchema;
  /** Subject `encode` writes under (`<topic>-value`). Absent: a decode-only codec. */
  subject?: string;
  /**
   * How `start` finds the writer id: `lookup` (default) expects the schema registered by the
   * `schemas register` command; `register` registers it (tests, local development).
   */
  writerIdBy?: 'lookup' | 'register';
  /** Writer schemas to share with other codecs of the process. Default: a cache of its own. */
  cache?: WriterSchemaCache;
}

/** Encodes and decodes envelopes in the Confluent wire format. See {@link createEnvelopeCodec}. */
export interface EnvelopeCodec<T = WebhookEnvelope> {
  /** Resolves the writer schema id once (no-op without a subject); call before `encode`. */
  start(): Promise<void>;
  /** The writer schema id `start` resolved; undefined before, or without a subject. */
  readonly writerSchemaId: number | undefined;
  /** Encodes with the cached writer id; no registry call. Throws `CODEC_NOT_STARTED`, `ENCODE_FAILED`. */
  encode(envelope: T): Buffer;
  /**
   * Decodes a record written with any registered version into this codec's version. The
   * result is an avsc record instance (its class named after the record), not a plain object.
   */
  decode(record: Buffer): Promise<T>;
  /** True when records of `schemaId` decode without a registry call. */
  isCached(schemaId: number): boolean;
}

/**
 * Creates a codec for one envelope version. Decoding fetches a writer schema by the id in
 * the record at most once (concurrent decodes of a new id share the fetch), then resolves
 * the writer's record into this codec's schema by Avro schema resolution: a v1 reader reads
 * v2 records (the added field is dropped) and a v2 reader reads v1 records (it gets the
 * field's default). Safe to share between concurrent callers.
 */
export function createEnvelopeCodec<T = WebhookEnvelope>(
  options: EnvelopeCodecOptions,
): EnvelopeCodec<T> {
  const { registry, schema, subject, writerIdBy = 'lookup' } = options;
  const cache = options.cache ?? createWriterSchemaCache((id) => registry.fetchType(id));
  const resolvers = new Map<number, Resolver | undefined>();
  let writerSchemaId: number | undefined;
  let starting: Promise<void> | undefined;

  const resolveWriterId = async (writeSubject: string) => {
    writerSchemaId =
      writerIdBy === 'register'
        ? await registry.register(writeSubject, schema.text)
        : await registry.lookupId(writeSubject, schema.text);
  };

  const resolverFor = (schemaId: number, writer: Type): Resolver | undefined => {
    if (resolvers.has(schemaId)) return resolvers.get(schemaId);
    const resolver = schema.type.equals(writer)
      ? undefined
      : createResolver(schema, schemaId, writer);
    resolvers.set(schemaId, resolver);
    return resolver;
  };

  return {
    get writerSchemaId() {
      return writerSchemaId;
    },

    start() {
      if (subject === undefined) return Promise.resolve();
      // Concurrent starts share one resolution; a failed one may be retried.
      starting ??= resolveWriterId(subject).catch((error: unknown) => {
        starting = undefined;
        throw error;
      });
      return starting;
    },

    encode(envelope) {
      if (writerSchemaId === undefined) {
        throw new ContractError(
          'CODEC_NOT_STARTED',
          subject === undefined
            ? `codec for ${schema.file} has no subject and cannot encode`
            : `codec for ${subject} encodes only after start() resolved the schema id`,
        );
      }
      return frameRecord(writerSchemaId, toAvro(schema, envelope));
    },

    async decode(record) {
      const { schemaId, payload } = unframeRecord(record);
      const writer = await cache.get(schemaId);
      const resolver = resolverFor(schemaId, writer);
      try {
        return schema.type.fromBuffer(payload, resolver) as T;
      } catch (error: unknown) {
        throw new ContractError(
          'DECODE_FAILED',
          `record body does not match schema id ${schemaId}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },

    isCached: (schemaId) => cache.has(schemaId),
  };
}

function createResolver(schema: LoadedSchema, schemaId: number, writer: Type): Resolver {
  try {
    return schema.type.createResolver(writer);
  } catch (error: unknown) {
    throw new ContractError(
      'SCHEMA_INCOMPATIBLE',
      `${schema.file} cannot read records written with schema id ${schemaId}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function toAvro(schema: LoadedSchema, value: unknown): Buffer {
  try {
    return schema.type.toBuffer(value);
  } catch (error: unknown) {
    // Validating only after a failure keeps the walk off the hot path.
    const invalidPaths: string[] = [];
    schema.type.isValid(value, {
      errorHook: (path) => invalidPaths.push(path.join('.') || '(root)'),
    });
    const where = invalidPaths.length > 0 ? invalidPaths.join(', ') : (error as Error).message;
    throw new ContractError('ENCODE_FAILED', `value does not match ${schema.file} at ${where}`, {
      cause: error,
    });
  }
}
