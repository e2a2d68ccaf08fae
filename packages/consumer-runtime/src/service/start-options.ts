import type { LoadedSchema, TopicCatalog } from '@tributary/contract';
import type { Logger } from '@tributary/logger';
import type { FaultHooks } from '../process/fault-hooks.ts';

/**
 * How a service instance connects and paces itself. Read from the environment at the edge
 * (the service's entry file), never inside the runtime. Durations in milliseconds.
 */
export interface StartServiceOptions {
  /** Kafka bootstrap brokers, `host:port`. */
  brokers: readonly string[];
  /** Confluent-compatible schema registry base URL. */
  schemaRegistryUrl: string;
  /** The loaded topic catalog (`loadTopicCatalog()`): tiers, attempts, dedup window. */
  catalog: TopicCatalog;
  /** Name prefix of every topic and group (test runs). Default none. */
  prefix?: string;
  /** The service's logger; the runtime binds `groupId` to it. */
  logger: Logger;
  /** Client id in broker logs. Default the group id. */
  clientId?: string;
  /** Envelope version events are decoded into. Default the newest in `schemas/`. */
  envelopeSchema?: LoadedSchema;
  /** Consumer session timeout. Default 30 000. */
  sessionTimeoutMs?: number;
  /** Time members get to rejoin during a rebalance; above the handler timeout. Default 60 000. */
  rebalanceTimeoutMs?: number;
  /** Heartbeat interval, also while a handler runs; below the session timeout. Default 3 000. */
  heartbeatIntervalMs?: number;
  /** Longest a batch transaction may stay open before the broker aborts it. Default 60 000. */
  transactionTimeoutMs?: number;
  /**
   * Records per transaction at most; a batch with more commits in several, back to back.
   * Default 500: above what one fetch of 1 MiB per partition brings of webhook-sized records,
   * so a fetched batch is usually one transaction.
   */
  maxRecordsPerTransaction?: number;
  /** Longest a fetch waits for new records; bounds how late a resumed tier runs. Default 1 000. */
  fetchMaxWaitMs?: number;
  /** Jitter added on top of a tier delay, as a fraction of it (0 = none). Default 0.1. */
  jitterRatio?: number;
  /** First pause of a partition while the registry is unreachable; doubles. Default 500. */
  registryRetryInitialMs?: number;
  /** Longest such pause. Default 30 000. */
  registryRetryMaxMs?: number;
  /** One registry request's deadline. Default 5 000. */
  registryRequestTimeoutMs?: number;
  /** Longest stop() waits for in-flight work, the commit and leaving the group. Default 30 000. */
  shutdownTimeoutMs?: number;
  /**
   * Most dedup marks held in memory (about 124 bytes each: 118 MiB per million ids, see the
   * README); past it the oldest go, and a redelivery of an evicted id runs again. Default
   * 1 000 000.
   */
  dedupMaxEntries?: number;
  /** Longest the dedup marks of newly assigned partitions may take to read. Default 60 000. */
  marksRebuildTimeoutMs?: number;
  /** Retries of a failed produce inside a transaction before it is aborted. Default 5. */
  producerSendRetries?: number;
  /** Signals that stop the service (then end the process by the same signal). Default SIGTERM, SIGINT; [] installs none. */
  stopOnSignals?: readonly NodeJS.Signals[];
  /**
   * Runs once `stop()` drained, committed and left the group, before the process ends by the
   * signal: close what the handler uses (a database, a breaker's timers). Not run when the
   * drain passed `shutdownTimeoutMs`. Default none.
   */
  afterStop?: () => Promise<void> | void;
  /**
   * TCP port of the Prometheus endpoint (`/metrics` on 127.0.0.1), opened before the consumer
   * connects; a port in use fails the start with `METRICS_PORT_IN_USE`. 0 or absent: no
   * endpoint (the metrics are still recorded when the telemetry bootstrap runs).
   */
  metricsPort?: number;
  /** Test-only crash points (see `fault-hooks.ts`). Default none. */
  faultHooks?: FaultHooks;
}

/** The defaults of {@link StartServiceOptions}, in one place. */
export const startOptionDefaults = Object.freeze({
  prefix: '',
  sessionTimeoutMs: 30_000,
  rebalanceTimeoutMs: 60_000,
  heartbeatIntervalMs: 3_000,
  transactionTimeoutMs: 60_000,
  maxRecordsPerTransaction: 500,
  fetchMaxWaitMs: 1_000,
  jitterRatio: 0.1,
  registryRetryInitialMs: 500,
  registryRetryMaxMs: 30_000,
  registryRequestTimeoutMs: 5_000,
  shutdownTimeoutMs: 30_000,
  dedupMaxEntries: 1_000_000,
  marksRebuildTimeoutMs: 60_000,
  producerSendRetries: 5,
  stopOnSignals: Object.freeze(['SIGTERM', 'SIGINT'] as NodeJS.Signals[]),
  metricsPort: 0,
  handlerTimeoutMs: 30_000,
  concurrency: 1,
  startFrom: 'earliest' as const,
});
