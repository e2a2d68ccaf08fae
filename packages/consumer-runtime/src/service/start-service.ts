import {
  createConfluentRegistryPort,
  createEnvelopeCodec,
  type WebhookEnvelope,
} from '@tributary/contract';
import { createPipelineMetrics, type MetricsServer, serveMetrics } from '@tributary/telemetry';
import type { Consumer } from 'kafkajs';
import { createDedupStore } from '../dedup/dedup-store.ts';
import { rebuildDedupMarks } from '../dedup/rebuild-dedup-marks.ts';
import { RuntimeError } from '../errors/runtime-error.ts';
import { createKafka } from '../kafka/create-kafka.ts';
import { createPartitionProducers } from '../kafka/partition-producers.ts';
import { readConsumerLag } from '../metrics/consumer-lag.ts';
import { observeRuntimeGauges } from '../metrics/observe-runtime-gauges.ts';
import { createOutcomeMetrics } from '../metrics/outcome-metrics.ts';
import { createPartitionReadiness } from '../process/partition-readiness.ts';
import { createBatchProcessor } from '../process/process-batch.ts';
import { createRecordProcessor } from '../process/process-record.ts';
import { createRuntimeCounters, type RuntimeCounters } from '../process/runtime-counters.ts';
import { createDueScheduler, type TopicPartition } from '../schedule/due-scheduler.ts';
import { resolveServiceConfig, type ServiceConfig } from './service-config.ts';
import type { ServiceDefinition } from './service-definition.ts';
import type { StartServiceOptions } from './start-options.ts';
import { stopOnSignals } from './stop-on-signals.ts';

/** A running service instance. */
export interface ServiceHandle {
  /** The consumer group id (prefix included). */
  readonly groupId: string;
  /**
   * Stops the instance: the record in hand finishes, the work done is committed, the group
   * is left, producers close. Bounded by `shutdownTimeoutMs`: past it handlers' signals are
   * aborted and it rejects with `SHUTDOWN_TIMED_OUT`. Idempotent.
   */
  stop(): Promise<void>;
  /** A copy of the counters so far. */
  counters(): RuntimeCounters;
  /** The partitions assigned at the last rebalance (empty before the first). */
  assignment(): TopicPartition[];
  /** The port of the metrics endpoint; undefined when `metricsPort` was 0 or absent. */
  readonly metricsPort: number | undefined;
}

/**
 * Starts a consumer service: validates the definition and options, reads the group's tiers,
 * attempts and dedup window from the catalog, connects, subscribes to the source topics and
 * their retry tiers, and starts consuming. Resolves once the consumer runs (before its first
 * assignment). With `metricsPort` it first serves `/metrics` there, closed again by `stop()`
 * or when the start fails. Throws `INVALID_DEFINITION` for a bad definition,
 * `METRICS_PORT_IN_USE` for a taken port, and kafkajs connection errors when the brokers
 * cannot be reached.
 */
export async function startService<E extends WebhookEnvelope = WebhookEnvelope>(
  definition: ServiceDefinition<E>,
  options: StartServiceOptions,
): Promise<ServiceHandle> {
  const config = resolveServiceConfig(definition, options);
  const port = config.options.metricsPort;
  // Ready while this instance is a member of the group with its partitions assigned: false
  // until the first join, and again from a rebalance until the rejoin. A restarted service is
  // thus not ready while its dead predecessor still holds the group (until its session ends).
  const membership = { joined: false };
  const metricsServer =
    port > 0 ? await serveMetrics({ port, readiness: () => membership.joined }) : undefined;
  try {
    return await startInstance(config, metricsServer, membership);
  } catch (error: unknown) {
    await metricsServer?.close();
    throw error;
  }
}

async function startInstance<E extends WebhookEnvelope>(
  config: ServiceConfig<E>,
  metricsServer: MetricsServer | undefined,
  membership: { joined: boolean },
): Promise<ServiceHandle> {
  const { topology, routes, roles } = config;
  const o = config.options;
  const groupId = topology.groupId;
  const logger = o.logger.child({ groupId });
  const kafka = createKafka({
    brokers: o.brokers,
    clientId: o.clientId ?? groupId,
    logger,
    connectionTimeoutMs: 3_000,
  });
  const codec = createEnvelopeCodec<E>({
    registry: createConfluentRegistryPort({
      url: o.schemaRegistryUrl,
      requestTimeoutMs: o.registryRequestTimeoutMs,
    }),
    schema: o.envelopeSchema,
  });

  const counters = createRuntimeCounters();
  // No-op instruments when the telemetry bootstrap did not start: recording costs nothing then.
  const pipelineMetrics = createPipelineMetrics();
  const shutdown = new AbortController();
  let stopping = false;
  let assignment: TopicPartition[] = [];
  // kafkajs's consumer.disconnect() during the first join returns before the join ends, and
  // the consumer then starts anyway; stop() waits for the join (or a crash) first.
  let joinedOrCrashed: () => void = () => {};
  const firstJoin = new Promise<void>((resolve) => {
    joinedOrCrashed = resolve;
  });
  const store = createDedupStore({
    windowMs: topology.dedupWindowMs,
    maxEntries: o.dedupMaxEntries,
  });
  const admin = kafka.admin();
  await admin.connect();
  const consumer: Consumer = kafka.consumer({
    groupId,
    sessionTimeout: o.sessionTimeoutMs,
    rebalanceTimeout: o.rebalanceTimeoutMs,
    heartbeatInterval: o.heartbeatIntervalMs,
    maxWaitTimeInMs: o.fetchMaxWaitMs,
    allowAutoTopicCreation: false,
  });
  const producers = createPartitionProducers({
    kafka,
    groupId,
    transactionTimeoutMs: o.transactionTimeoutMs,
    sendRetries: o.producerSendRetries,
    logger,
  });
  const scheduler = createDueScheduler({
    pause: (at) => consumer.pause([{ topic: at.topic, partitions: [at.partition] }]),
    resume: (at) => consumer.resume([{ topic: at.topic, partitions: [at.partition] }]),
  });
  const readiness = createPartitionReadiness({
    producers,
    admin,
    groupId,
    store,
    logger,
    rebuildMarks: (partitions) =>
      rebuildDedupMarks({
        kafka,
        dedupTopic: topology.dedupTopic,
        partitions,
        groupId,
        store,
        timeoutMs: o.marksRebuildTimeoutMs,
        logger,
      }),
  });
  const processRecord = createRecordProcessor<E>({
    groupId,
    codec,
    handler: config.definition.handler,
    eventTypes: config.eventTypes,
    handlerTimeoutMs: config.definition.handlerTimeoutMs,
    maxAttempts: topology.maxAttempts,
    jitterRatio: o.jitterRatio,
    shutdownSignal: shutdown.signal,
    logger,
    now: Date.now,
  });
  const processBatch = createBatchProcessor({
    groupId,
    dedupTopic: topology.dedupTopic,
    roles,
    processRecord,
    store,
    readiness,
    scheduler,
    seek: (at) => consumer.seek(at),
    counters,
    metrics: createOutcomeMetrics({ groupId, instruments: pipelineMetrics, now: Date.now }),
    logger,
    maxRecordsPerTransaction: o.maxRecordsPerTransaction,
    heartbeatIntervalMs: o.heartbeatIntervalMs,
    registryRetryInitialMs: o.registryRetryInitialMs,
    registryRetryMaxMs: o.registryRetryMaxMs,
    sessionTimeoutMs: o.sessionTimeoutMs,
    isStopping: () => stopping,
    faultHooks: o.faultHooks,
    now: Date.now,
  });

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assignment = Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    // Due-time timers are re-armed: held partitions are resumed and, if still not due
    // when fetched again, held again with a fresh timer.
    scheduler.rearm();
    readiness.assign(assignment);
    membership.joined = true;
    joinedOrCrashed();
    logger.info({ assignment: payload.memberAssignment }, 'partitions assigned');
  });
  consumer.on(consumer.events.REBALANCING, () => {
    membership.joined = false;
    logger.warn('group rebalancing; rejoining after the batch in hand');
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    membership.joined = false;
    logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
    joinedOrCrashed();
  });

  await consumer.connect();
  await consumer.subscribe({
    topics: routes.map((route) => route.sourceTopic),
    fromBeginning: config.definition.startFrom === 'earliest',
  });
  // A tier topic holds only this group's copies: read all of it from the start.
  await consumer.subscribe({
    topics: routes.flatMap((route) => route.tiers.map((tier) => tier.topic)),
    fromBeginning: true,
  });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: config.definition.concurrency,
    eachBatch: processBatch,
  });
  const unobserveGauges = observeRuntimeGauges({
    groupId,
    instruments: pipelineMetrics,
    store,
    assignment: () => assignment,
    readLag: (assigned) => readConsumerLag(admin, groupId, assigned),
    logger,
  });
  logger.info(
    {
      eventTypes: [...config.eventTypes],
      topics: [...roles.keys()],
      dedupTopic: topology.dedupTopic,
      metricsPort: metricsServer?.port,
    },
    'service started',
  );

  let stopped: Promise<void> | undefined;
  const drain = async () => {
    scheduler.clear();
    // The lag is read with the admin client, which is about to close.
    unobserveGauges();
    await firstJoin;
    await consumer.disconnect();
    await readiness.close();
    await producers.closeAll();
    await admin.disconnect();
    await metricsServer?.close();
  };
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      membership.joined = false;
      uninstallSignals();
      const startedMs = Date.now();
      const draining = drain();
      if (!(await settlesWithin(draining, o.shutdownTimeoutMs))) {
        shutdown.abort();
        logger.error({ shutdownTimeoutMs: o.shutdownTimeoutMs }, 'shutdown passed its bound');
        throw new RuntimeError('SHUTDOWN_TIMED_OUT', `stop() took over ${o.shutdownTimeoutMs} ms`);
      }
      logger.info({ durationMs: Date.now() - startedMs, counters }, 'service stopped');
      await o.afterStop?.();
    })();
    return stopped;
  };
  const uninstallSignals = stopOnSignals(o.stopOnSignals, stop, logger);

  return {
    groupId,
    stop,
    counters: () => ({ ...counters }),
    assignment: () => [...assignment],
    metricsPort: metricsServer?.port,
  };
}

/** True when `work` settles within `timeoutMs`; its rejection counts as settled (and is thrown). */
async function settlesWithin(work: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([work.then(() => true as const), expired]);
  } finally {
    clearTimeout(timer);
  }
}
