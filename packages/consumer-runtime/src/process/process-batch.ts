import { SpanStatusCode } from '@opentelemetry/api';
import { kafkaHeaderNames } from '@tributary/contract';
import type { Logger } from '@tributary/logger';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { DedupMark } from '../dedup/dedup-mark.ts';
import type { DedupStore } from '../dedup/dedup-store.ts';
import { type HeartbeatTimer, startHeartbeatTimer } from '../handler/heartbeat-timer.ts';
import { headerInteger, headerText } from '../headers/record-headers.ts';
import type { OutcomeMetrics } from '../metrics/outcome-metrics.ts';
import { outageBackoffMs } from '../retry/backoff.ts';
import { type DueScheduler, msUntilDue, type TopicPartition } from '../schedule/due-scheduler.ts';
import type { TopicRole } from '../service/topic-roles.ts';
import { inSpan, withInstrumentationSuppressed } from '../tracing/record-span.ts';
import { commitOutcomes } from './commit-outcomes.ts';
import type { FaultHooks } from './fault-hooks.ts';
import type { PartitionReadiness, PreparedPartition } from './partition-readiness.ts';
import type { RecordInput } from './process-record.ts';
import type { RecordOutcome, RecordResult } from './record-outcome.ts';
import type { RuntimeCounters } from './runtime-counters.ts';

/** What {@link createBatchProcessor} needs; fixed for the life of a service instance. */
export interface BatchProcessorDeps {
  groupId: string;
  dedupTopic: string;
  roles: ReadonlyMap<string, TopicRole>;
  processRecord: (input: RecordInput) => Promise<RecordResult>;
  store: DedupStore;
  readiness: PartitionReadiness;
  scheduler: DueScheduler;
  /** kafkajs `consumer.seek`. */
  seek: (at: TopicPartition & { offset: string }) => void;
  counters: RuntimeCounters;
  /** The pipeline metrics; told of each batch's outcomes once its transaction committed. */
  metrics: OutcomeMetrics;
  logger: Logger;
  maxRecordsPerTransaction: number;
  heartbeatIntervalMs: number;
  registryRetryInitialMs: number;
  registryRetryMaxMs: number;
  /** Consumer session timeout: how long a fenced partition is held before trying again. */
  sessionTimeoutMs: number;
  /** True once stop() was called: finish the record in hand, commit, return. */
  isStopping: () => boolean;
  faultHooks?: FaultHooks | undefined;
  now: () => number;
}

/** Where a run over a batch's records stopped early, and why. */
type Stop =
  | { kind: 'hold'; untilMs: number; reason: 'not-due' | 'registry' | 'pause' }
  | { kind: 'quit' };

/**
 * Creates the `eachBatch` function (auto-commit and auto-resolve off). Per partition batch:
 * wait until the partition is prepared (producer, marks, committed offset), then run its
 * records one by one, in offset order, committing every `maxRecordsPerTransaction` records
 * and at the end in one transaction each; resolve offsets only after their commit. A tier
 * copy not yet due, or a registry outage, stops the run there: the partition is held by the
 * scheduler with that offset unresolved, so it is fetched again later. A failed transaction
 * is aborted, its records are sought back to and redone with a fresh producer. The consumer
 * heartbeats on a timer throughout, however long a handler runs.
 */
export function createBatchProcessor(deps: BatchProcessorDeps) {
  const registryFailures = new Map<string, number>();

  return async function processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const at = { topic: batch.topic, partition: batch.partition };
    const role = deps.roles.get(at.topic);
    if (role === undefined || batch.messages.length === 0) return;
    const logger = deps.logger.child(at);
    const heartbeats = startHeartbeatTimer(payload.heartbeat, deps.heartbeatIntervalMs, logger);
    try {
      const prepared = await deps.readiness.ready(at);
      const messages = unprocessed(batch.messages, prepared, at);
      if (messages.length > 0) {
        await runRecords(payload, heartbeats, at, role, prepared, messages, logger);
      }
    } finally {
      heartbeats.stop();
    }
  };

  /**
   * kafkajs fetched from the offset it read when it joined, which can predate the fence of
   * this member's producer; the offset read after the fence is the one to trust.
   */
  function unprocessed(
    messages: KafkaMessage[],
    prepared: PreparedPartition,
    at: TopicPartition,
  ): KafkaMessage[] {
    const committed = prepared.committedOffset;
    if (committed === undefined) return messages;
    const rest = messages.filter((message) => BigInt(message.offset) >= committed);
    if (rest.length === 0) deps.seek({ ...at, offset: committed.toString() });
    return rest;
  }

  async function runRecords(
    payload: EachBatchPayload,
    heartbeats: HeartbeatTimer,
    at: TopicPartition,
    role: TopicRole,
    prepared: PreparedPartition,
    messages: KafkaMessage[],
    logger: Logger,
  ): Promise<void> {
    let index = 0;
    while (index < messages.length) {
      const overlay = new Map<string, DedupMark>();
      const outcomes: RecordOutcome[] = [];
      const firstOffset = (messages[index] as KafkaMessage).offset;
      let stop: Stop | undefined;

      while (index < messages.length && outcomes.length < deps.maxRecordsPerTransaction) {
        const message = messages[index] as KafkaMessage;
        stop = stopBefore(payload, heartbeats, role, message);
        if (stop !== undefined) break;
        const result = await deps.processRecord({
          ...at,
          message,
          role,
          markOf: (eventId) => overlay.get(eventId) ?? deps.store.get(at.partition, eventId),
        });
        if (result.kind === 'wait') {
          stop = registryHold(at, result.error, logger);
          break;
        }
        if (result.kind === 'pause') {
          stop = handlerPause(result.untilMs, result.error, logger);
          break;
        }
        registryFailures.delete(keyOf(at));
        const { outcome } = result;
        if ('mark' in outcome && outcome.mark !== undefined && outcome.eventId !== undefined) {
          overlay.set(outcome.eventId, outcome.mark);
        }
        outcomes.push(outcome);
        if (result.handlerRan) deps.faultHooks?.afterHandler?.();
        index += 1;
      }

      if (outcomes.length > 0) {
        const lastOffset = (messages[index - 1] as KafkaMessage).offset;
        const committed = await commit(at, prepared, outcomes, lastOffset, firstOffset, logger);
        if (!committed) return;
        for (const [eventId, mark] of overlay) deps.store.set(at.partition, eventId, mark);
        payload.resolveOffset(lastOffset);
        count(outcomes, at, logger);
        deps.metrics.recordCommitted(at, role, outcomes);
      }
      if (stop?.kind === 'hold') deps.scheduler.holdUntil(at, stop.untilMs);
      if (stop !== undefined) return;
    }
  }

  // Shortcoming: a tier partition waits for its head copy, so copies behind one that is not
  // due (a long Retry-After) wait with it even when they are due sooner.
  function stopBefore(
    payload: EachBatchPayload,
    heartbeats: HeartbeatTimer,
    role: TopicRole,
    message: KafkaMessage,
  ): Stop | undefined {
    if (
      deps.isStopping() ||
      !payload.isRunning() ||
      payload.isStale() ||
      heartbeats.rebalancing()
    ) {
      return { kind: 'quit' };
    }
    if (role.kind !== 'tier') return undefined;
    const notBeforeMs = headerInteger(message.headers, kafkaHeaderNames.notBeforeMs);
    const waitMs = msUntilDue(notBeforeMs, deps.now());
    return waitMs > 0
      ? { kind: 'hold', untilMs: deps.now() + waitMs, reason: 'not-due' }
      : undefined;
  }

  function registryHold(at: TopicPartition, error: unknown, logger: Logger): Stop {
    const failures = (registryFailures.get(keyOf(at)) ?? 0) + 1;
    registryFailures.set(keyOf(at), failures);
    const waitMs = outageBackoffMs(failures, deps.registryRetryInitialMs, deps.registryRetryMaxMs);
    deps.counters.registryWaits += 1;
    logger.warn({ err: error, failures, waitMs }, 'schema registry unreachable; partition held');
    return { kind: 'hold', untilMs: deps.now() + waitMs, reason: 'registry' };
  }

  function handlerPause(untilMs: number, error: unknown, logger: Logger): Stop {
    deps.counters.handlerPauses += 1;
    logger.warn({ err: error, untilMs }, 'handler paused the partition');
    return { kind: 'hold', untilMs, reason: 'pause' };
  }

  async function commit(
    at: TopicPartition,
    prepared: PreparedPartition,
    outcomes: RecordOutcome[],
    lastOffset: string,
    firstOffset: string,
    logger: Logger,
  ): Promise<boolean> {
    try {
      await withInstrumentationSuppressed(() =>
        commitOutcomes({
          producer: prepared.producer,
          groupId: deps.groupId,
          dedupTopic: deps.dedupTopic,
          at,
          nextOffset: (BigInt(lastOffset) + 1n).toString(),
          outcomes,
          faultHooks: deps.faultHooks,
        }),
      );
      endForwardSpans(outcomes, undefined);
      return true;
    } catch (error: unknown) {
      endForwardSpans(outcomes, error);
      deps.counters.abortedTransactions += 1;
      logger.warn(
        { err: error, offset: firstOffset },
        'batch transaction aborted; records will be redone',
      );
      // The outcome of a failed commit can be unknown: prepare the partition again, which
      // fences this producer and re-reads the committed offset and marks before the redo.
      await deps.readiness.reset(at);
      deps.seek({ ...at, offset: firstOffset });
      // Fenced means another member now holds the partition; this one learns it at its next
      // heartbeat. Fencing it back at once would only make the two trade the partition.
      const holdMs = isFenced(error) ? deps.sessionTimeoutMs : deps.registryRetryInitialMs;
      deps.scheduler.holdUntil(at, deps.now() + holdMs);
      return false;
    }
  }

  function count(outcomes: readonly RecordOutcome[], at: TopicPartition, logger: Logger): void {
    const { counters } = deps;
    for (const outcome of outcomes) {
      switch (outcome.kind) {
        case 'skipped':
          if (outcome.reason === 'duplicate') counters.duplicates += 1;
          else counters.skippedEventTypes += 1;
          logger.debug({ eventId: outcome.eventId, reason: outcome.reason }, 'record skipped');
          break;
        case 'done':
          counters.handled += 1;
          logger.debug({ eventId: outcome.eventId }, 'record handled');
          break;
        // Logged in the forward's span, so the line carries the webhook's trace id rather
        // than the batch's (the logger takes the ids of the span active when it is called).
        case 'retry':
          counters.retried += 1;
          inSpan(outcome.forward.span, () =>
            logger.warn(outcomeFields(outcome, at), 'record sent to a retry tier'),
          );
          break;
        case 'dead':
          counters.deadLettered += 1;
          if (outcome.undecodable) counters.undecodable += 1;
          inSpan(outcome.forward.span, () =>
            logger.error(outcomeFields(outcome, at), 'record dead-lettered'),
          );
          break;
      }
    }
  }
}

/** Ends the `send` spans of the batch's forwards, with an error status when it was aborted. */
function endForwardSpans(outcomes: readonly RecordOutcome[], error: unknown): void {
  for (const outcome of outcomes) {
    if (outcome.kind !== 'retry' && outcome.kind !== 'dead') continue;
    if (error !== undefined) {
      outcome.forward.span?.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    }
    outcome.forward.span?.end();
  }
}

function outcomeFields(
  outcome: Extract<RecordOutcome, { kind: 'retry' | 'dead' }>,
  at: TopicPartition,
) {
  return {
    eventId: outcome.eventId,
    attempt: outcome.attempt,
    errorClass: outcome.errorClass,
    // The forward's own header: the handler's message, already cut to its size limit.
    errorMessage: headerText(outcome.forward.message.headers, kafkaHeaderNames.errorMessage),
    to: outcome.forward.topic,
    from: at.topic,
  };
}

// Broker answers meaning a newer producer with the same transactional id exists.
const fencedErrorTypes = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

/** True when `error` or one of its causes is a fencing answer from the broker. */
function isFenced(error: unknown): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth += 1) {
    if (fencedErrorTypes.has(String((current as { type?: unknown }).type))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function keyOf(at: TopicPartition): string {
  return `${at.topic}|${at.partition}`;
}
