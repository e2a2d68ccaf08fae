import {
  createConfluentRegistryPort,
  createEnvelopeCodec,
  type EnvelopeCodec,
  loadEnvelopeSchemas,
  valueSubjectName,
  type WebhookEnvelope,
} from '@tributary/contract';
import { IngressError } from '../errors/ingress-error.ts';

/** Options of {@link createEnvelopeEncoders}. */
export interface EnvelopeEncodersOptions {
  /** Topics the ingress writes; one codec per topic's value subject. */
  readonly topics: readonly string[];
  /** Confluent-compatible registry base URL. */
  readonly registryUrl: string;
  /** Longest wait for one registry call, in milliseconds. */
  readonly registryTimeoutMs: number;
  /** `lookup` the writer id of a registered schema, or `register` it. */
  readonly writerIdBy: 'lookup' | 'register';
}

/** Encoders of the current envelope version, one per topic. */
export interface EnvelopeEncoders {
  /** Resolves every writer schema id not yet cached; rejects with the first registry failure. */
  start(): Promise<void>;
  /** True once every topic's writer id is cached: encoding needs no registry call from then on. */
  readonly ready: boolean;
  /** Encodes an envelope for `topic`. Throws `IngressError` `internal_error` for an unknown topic. */
  encode(topic: string, envelope: WebhookEnvelope): Buffer;
}

/**
 * Encoders of the newest envelope version in `schemas/webhook-envelope/`, through the contract's
 * codec: the writer id is resolved once per subject and cached, so a warm ingress keeps encoding
 * while the registry is away.
 */
export function createEnvelopeEncoders(options: EnvelopeEncodersOptions): EnvelopeEncoders {
  const versions = loadEnvelopeSchemas();
  const schema = (versions[versions.length - 1] as (typeof versions)[number]).schema;
  const registry = createConfluentRegistryPort({
    url: options.registryUrl,
    requestTimeoutMs: options.registryTimeoutMs,
  });
  const codecs = new Map<string, EnvelopeCodec>(
    options.topics.map((topic) => [
      topic,
      createEnvelopeCodec({
        registry,
        schema,
        subject: valueSubjectName(topic),
        writerIdBy: options.writerIdBy,
      }),
    ]),
  );

  return {
    async start() {
      await Promise.all([...codecs.values()].map((codec) => codec.start()));
    },
    get ready() {
      return [...codecs.values()].every((codec) => codec.writerSchemaId !== undefined);
    },
    encode(topic, envelope) {
      const codec = codecs.get(topic);
      if (codec === undefined)
        throw new IngressError('internal_error', `no codec for topic ${topic}`);
      return codec.encode(envelope);
    },
  };
}
