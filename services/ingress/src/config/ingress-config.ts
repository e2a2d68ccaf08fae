import { z } from 'zod';
import { type SourceConfig, sourceConfigSchema, sourceNamePattern } from './source-config.ts';

/** The HTTP server. */
export interface ServerConfig {
  /** Address to listen on; default `0.0.0.0`. */
  readonly host?: string;
  /** Port to listen on; default 8080; 0 picks a free one (tests). */
  readonly port?: number;
  /** Express `trust proxy` setting, deciding the client address in the envelope; default `false` (the peer address). */
  readonly trustProxy?: boolean | number | string;
  /** Longest time to receive a whole request, in milliseconds; default 30 000 (slow uploads are cut off). */
  readonly requestTimeoutMs?: number;
  /** Longest wait for requests in flight on shutdown, in milliseconds; default 10 000. */
  readonly shutdownGraceMs?: number;
  /**
   * Listen with `SO_REUSEPORT` (Linux), so several ingress processes can share the port and
   * the kernel spreads connections over them: one per core; default `false`.
   */
  readonly reusePort?: boolean;
  /**
   * A port of this process's own for `/metrics` and `/readyz` (on `host`), beside the main
   * port's: on a shared port a scrape reaches any one of the processes; default 0 (none).
   */
  readonly metricsPort?: number;
}

/** The Kafka producer. */
export interface KafkaConfig {
  /** Bootstrap brokers, `host:port`; default `['127.0.0.1:9092']`. */
  readonly brokers?: readonly string[];
  /** Client id in broker logs; default `tributary-ingress`. */
  readonly clientId?: string;
  /** Time to open one broker connection, in milliseconds; default 3 000. */
  readonly connectionTimeoutMs?: number;
  /** Time the broker may take to answer one request, in milliseconds; default 10 000. */
  readonly requestTimeoutMs?: number;
  /** Time the broker may wait for in-sync replicas to acknowledge (acks=all), in milliseconds; default 5 000. */
  readonly ackTimeoutMs?: number;
}

/** The schema registry. */
export interface RegistryConfig {
  /** Confluent-compatible API base URL; default `http://127.0.0.1:8081/apis/ccompat/v7`. */
  readonly url?: string;
  /** `lookup` (default) expects the envelope registered by `schemas register`; `register` registers it (local runs, tests). */
  readonly writerIdBy?: 'lookup' | 'register';
  /** Longest wait for one registry call, retries included, in milliseconds; default 5 000. */
  readonly requestTimeoutMs?: number;
}

/** Publishing, deadlines and backpressure. */
export interface PublishConfig {
  /** Longest wait for the broker's acknowledgement of one event, in milliseconds; default 2 000. Past it: 503. */
  readonly deadlineMs?: number;
  /** Deliveries admitted at once, from reading the body to the acknowledgement; default 1 000. Past it: 429. */
  readonly maxInFlight?: number;
  /** Most records in one coalesced `sendBatch`; default 500. */
  readonly maxBatchRecords?: number;
  /** Most value bytes in one coalesced `sendBatch`; default 16 MiB. */
  readonly maxBatchBytes?: number;
  /** `Retry-After` of a 503 (Kafka unavailable, not ready, shutting down), in seconds; default 5. */
  readonly unavailableRetryAfterSeconds?: number;
  /** `Retry-After` of a 429 for saturation, in seconds; default 1. */
  readonly saturatedRetryAfterSeconds?: number;
}

/** The whole ingress configuration; see services/ingress/README.md for every field. */
export interface IngressConfig {
  readonly server?: ServerConfig;
  readonly kafka?: KafkaConfig;
  readonly registry?: RegistryConfig;
  /** Prefix of every topic and subject name; default none. */
  readonly topicPrefix?: string;
  readonly publish?: PublishConfig;
  /** Sources by name (lower case, `[a-z0-9_-]`); at least one. */
  readonly sources: Readonly<Record<string, SourceConfig>>;
}

/** Defaults of every section, in one place. */
export const ingressDefaults = Object.freeze({
  server: Object.freeze({
    host: '0.0.0.0',
    port: 8080,
    trustProxy: false as boolean | number | string,
    requestTimeoutMs: 30_000,
    shutdownGraceMs: 10_000,
    reusePort: false,
    metricsPort: 0,
  }),
  kafka: Object.freeze({
    brokers: Object.freeze(['127.0.0.1:9092']),
    clientId: 'tributary-ingress',
    connectionTimeoutMs: 3_000,
    requestTimeoutMs: 10_000,
    ackTimeoutMs: 5_000,
  }),
  registry: Object.freeze({
    url: 'http://127.0.0.1:8081/apis/ccompat/v7',
    writerIdBy: 'lookup' as 'lookup' | 'register',
    requestTimeoutMs: 5_000,
  }),
  topicPrefix: '',
  publish: Object.freeze({
    deadlineMs: 2_000,
    maxInFlight: 1_000,
    maxBatchRecords: 500,
    maxBatchBytes: 16 * 1024 * 1024,
    unavailableRetryAfterSeconds: 5,
    saturatedRetryAfterSeconds: 1,
  }),
});

const positiveMs = z.number().int().min(1).max(3_600_000);
const d = ingressDefaults;

/** Validates an {@link IngressConfig}; unknown keys are refused so typos do not pass silently. */
export const ingressConfigSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().min(1).default(d.server.host),
      port: z.number().int().min(0).max(65_535).default(d.server.port),
      trustProxy: z.union([z.boolean(), z.number().int().min(0), z.string()]).default(false),
      requestTimeoutMs: positiveMs.default(d.server.requestTimeoutMs),
      shutdownGraceMs: positiveMs.default(d.server.shutdownGraceMs),
      reusePort: z.boolean().default(d.server.reusePort),
      metricsPort: z.number().int().min(0).max(65_535).default(d.server.metricsPort),
    })
    .prefault({}),
  kafka: z
    .strictObject({
      brokers: z
        .array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'must be host:port'))
        .min(1)
        .readonly()
        .default([...d.kafka.brokers]),
      clientId: z.string().min(1).default(d.kafka.clientId),
      connectionTimeoutMs: positiveMs.default(d.kafka.connectionTimeoutMs),
      requestTimeoutMs: positiveMs.default(d.kafka.requestTimeoutMs),
      ackTimeoutMs: positiveMs.default(d.kafka.ackTimeoutMs),
    })
    .prefault({}),
  registry: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }).default(d.registry.url),
      writerIdBy: z.enum(['lookup', 'register']).default(d.registry.writerIdBy),
      requestTimeoutMs: positiveMs.default(d.registry.requestTimeoutMs),
    })
    .prefault({}),
  topicPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'may use only A-Z a-z 0-9 . _ -')
    .default(d.topicPrefix),
  publish: z
    .strictObject({
      deadlineMs: positiveMs.default(d.publish.deadlineMs),
      maxInFlight: z.number().int().min(1).default(d.publish.maxInFlight),
      maxBatchRecords: z.number().int().min(1).default(d.publish.maxBatchRecords),
      maxBatchBytes: z.number().int().min(1).default(d.publish.maxBatchBytes),
      unavailableRetryAfterSeconds: z
        .number()
        .int()
        .min(1)
        .default(d.publish.unavailableRetryAfterSeconds),
      saturatedRetryAfterSeconds: z
        .number()
        .int()
        .min(1)
        .default(d.publish.saturatedRetryAfterSeconds),
    })
    .prefault({}),
  // Names are checked here rather than by a key schema, whose failure zod reports only as
  // "Invalid key in record", without saying what a name may be.
  sources: z.record(z.string(), sourceConfigSchema).superRefine((sources, ctx) => {
    const names = Object.keys(sources);
    if (names.length === 0)
      ctx.addIssue({ code: 'custom', message: 'at least one source is required' });
    for (const name of names.filter((each) => !sourceNamePattern.test(each))) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'a source name is 1 to 63 of a-z 0-9 _ -, starting with a letter or digit',
      });
    }
  }),
});

/** An {@link IngressConfig} as {@link ingressConfigSchema} outputs it. */
export type ParsedIngressConfig = z.output<typeof ingressConfigSchema>;
