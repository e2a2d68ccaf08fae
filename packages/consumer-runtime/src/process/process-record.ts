import type { Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  ContractError,
  type EnvelopeCodec,
  isContractError,
  kafkaHeaderNames,
} from '@tributary/contract';
import type { Logger } from '@tributary/logger';
import type { KafkaMessage } from 'kafkajs';
import { decideDedup, type RecordOrigin } from '../dedup/dedup-decision.ts';
import type { DedupMark } from '../dedup/dedup-mark.ts';
import { PauseError } from '../errors/handler-errors.ts';
import { runWithTimeout } from '../handler/run-with-timeout.ts';
import { buildForwardHeaders } from '../headers/forward-headers.ts';
import { headerInteger, headerText, textHeaders } from '../headers/record-headers.ts';
import { describeFailure, type FailurePlan, planFailure } from '../retry/retry-plan.ts';
import type { EventHandler, HandlerContext } from '../service/service-definition.ts';
import type { TopicRole } from '../service/topic-roles.ts';
import { spanAttributes, startForwardSpan, withRecordSpan } from '../tracing/record-span.ts';
import type { RecordOutcome, RecordResult } from './record-outcome.ts';

/** What {@link createRecordProcessor} needs; fixed for the life of a service instance. */
export interface RecordProcessorDeps<E> {
  groupId: string;
  codec: EnvelopeCodec<E>;
  handler: EventHandler<E>;
  eventTypes: ReadonlySet<string>;
  handlerTimeoutMs: number;
  maxAttempts: number;
  jitterRatio: number;
  /** Aborted when shutdown passes its bound. */
  shutdownSignal: AbortSignal;
  logger: Logger;
  now: () => number;
}

/** One record to process. */
export interface RecordInput {
  topic: string;
  partition: number;
  message: KafkaMessage;
  role: TopicRole;
  /** The latest mark of an event id as this batch sees it (its own writes included). */
  markOf: (eventId: string) => DedupMark | undefined;
}

/** What the runtime reads of an envelope; `receivedAt` feeds the latency histogram. */
type Envelope = { eventId: string; eventType: string; receivedAt?: Date };

/**
 * Creates the per-record step of the pipeline: type filter, decode, dedup, handler (with
 * its timeout and signal), and on failure the forward to a tier or the DLQ, all inside the
 * record's own `process` span. It writes nothing to Kafka: it returns the outcome, and the
 * batch puts marks, forwards and the offset in one transaction.
 */
export function createRecordProcessor<E extends Envelope>(deps: RecordProcessorDeps<E>) {
  const { groupId, eventTypes, now } = deps;

  return function processRecord(input: RecordInput): Promise<RecordResult> {
    const { message } = input;
    const headerEventId = headerText(message.headers, kafkaHeaderNames.eventId);
    return withRecordSpan(
      {
        topic: input.topic,
        partition: input.partition,
        offset: message.offset,
        key: message.key,
        headers: message.headers,
        groupId,
        ...(headerEventId === undefined ? {} : { eventId: headerEventId }),
      },
      async (span) => {
        // The ingress writes the type as a header, so other types skip without a decode.
        const headerType = headerText(message.headers, kafkaHeaderNames.eventType);
        if (headerType !== undefined && !eventTypes.has(headerType)) {
          return skipped('event-type', { eventType: headerType });
        }

        const decoded = await decode(input);
        if (decoded.kind !== 'decoded') return decoded.result;
        const envelope = decoded.envelope;
        if (!eventTypes.has(envelope.eventType)) {
          return skipped('event-type', describeEvent(envelope));
        }

        const origin = originOf(input);
        if (decideDedup(input.markOf(envelope.eventId), origin) === 'duplicate') {
          return skipped('duplicate', describeEvent(envelope));
        }
        const outcome = await attempt(input, envelope, origin, span);
        return outcome.kind === 'pause' ? outcome : settle(outcome, true);
      },
    );
  };

  async function decode(
    input: RecordInput,
  ): Promise<{ kind: 'decoded'; envelope: E } | { kind: 'failed'; result: RecordResult }> {
    const value = input.message.value;
    try {
      if (value === null) throw new ContractError('DECODE_FAILED', 'record has no value');
      return { kind: 'decoded', envelope: await deps.codec.decode(value) };
    } catch (error: unknown) {
      // A registry that cannot be reached is an outage, not a bad record: wait, never DLQ.
      if (isContractError(error) && error.retriable) {
        return { kind: 'failed', result: { kind: 'wait', error } };
      }
      const outcome = deadLetterUndecodable(input, error);
      return { kind: 'failed', result: settle(outcome, false) };
    }
  }

  async function attempt(
    input: RecordInput,
    envelope: E,
    origin: RecordOrigin,
    span: Span,
  ): Promise<RecordOutcome | Extract<RecordResult, { kind: 'pause' }>> {
    const redrives = origin.kind === 'tier' ? origin.redrives : 0;
    const attemptNumber = origin.kind === 'tier' ? origin.attempts + 1 : 1;
    span.setAttribute(spanAttributes.eventId, envelope.eventId);
    span.setAttribute(spanAttributes.attempt, attemptNumber);
    // The record's logger and text headers are made only when the handler (or a failure)
    // asks for them: most handled records never log.
    let logger: Logger | undefined;
    const recordLogger = () =>
      (logger ??= deps.logger.child({
        eventId: envelope.eventId,
        eventType: envelope.eventType,
        topic: input.topic,
        partition: input.partition,
        offset: input.message.offset,
      }));
    let headers: Readonly<Record<string, string>> | undefined;
    const sourceOffset =
      headerText(input.message.headers, kafkaHeaderNames.originalOffset) ?? input.message.offset;
    const contextWith = (signal: AbortSignal): HandlerContext => ({
      signal,
      attempt: attemptNumber,
      redriveCount: redrives,
      get logger() {
        return recordLogger();
      },
      get headers() {
        headers ??= Object.freeze(textHeaders(input.message.headers));
        return headers;
      },
      topic: input.topic,
      partition: input.partition,
      offset: input.message.offset,
      sourceOffset,
    });

    const ran = await runWithTimeout((signal) => deps.handler(envelope, contextWith(signal)), {
      timeoutMs: deps.handlerTimeoutMs,
      shutdownSignal: deps.shutdownSignal,
    });
    const mark = (state: DedupMark['state']) => ({
      state,
      atMs: now(),
      attempts: attemptNumber,
      redrives,
    });
    if (ran.ok) return { kind: 'done', ...describeEvent(envelope), mark: mark('done') };
    // A paused downstream is no fault of this record: no attempt, no forward, no mark.
    if (ran.error instanceof PauseError) {
      return { kind: 'pause', error: ran.error, untilMs: now() + ran.error.pauseSeconds * 1000 };
    }

    span.setStatus({ code: SpanStatusCode.ERROR });
    recordLogger().debug({ err: ran.error, attempt: attemptNumber }, 'handler failed');
    const plan = planFailure({
      error: ran.error,
      attempt: attemptNumber,
      maxAttempts: deps.maxAttempts,
      tiers: input.role.route.tiers,
      nowMs: now(),
      jitterRatio: deps.jitterRatio,
    });
    const kind = plan.kind === 'retry' ? 'retry' : 'dead';
    return {
      kind,
      ...describeEvent(envelope),
      mark: mark(kind === 'retry' ? 'retrying' : 'dead'),
      forward: forwardOf(input, plan, ran.error, attemptNumber, envelope),
      errorClass: describeFailure(ran.error).errorClass,
      attempt: attemptNumber,
      undecodable: false,
      tier: plan.kind === 'retry' ? plan.tier.tier : undefined,
    };
  }

  function deadLetterUndecodable(input: RecordInput, error: unknown): RecordOutcome {
    const origin = originOf(input);
    const attemptNumber = origin.kind === 'tier' ? origin.attempts + 1 : 1;
    const plan: FailurePlan = { kind: 'dead', reason: 'permanent' };
    return {
      kind: 'dead',
      eventId: headerText(input.message.headers, kafkaHeaderNames.eventId),
      eventType: headerText(input.message.headers, kafkaHeaderNames.eventType),
      mark: undefined,
      forward: forwardOf(input, plan, error, attemptNumber, undefined),
      errorClass: describeFailure(error).errorClass,
      attempt: attemptNumber,
      undecodable: true,
      tier: undefined,
    };
  }

  function forwardOf(
    input: RecordInput,
    plan: FailurePlan,
    error: unknown,
    attempts: number,
    envelope: E | undefined,
  ) {
    const { message } = input;
    const failedAtMs = now();
    const { errorClass, errorMessage } = describeFailure(error);
    const topic = plan.kind === 'retry' ? plan.tier.topic : input.role.route.dlqTopic;
    const eventId = envelope?.eventId ?? headerText(message.headers, kafkaHeaderNames.eventId);
    const { span, headers: traceContext } = startForwardSpan({
      topic,
      partition: input.partition,
      groupId,
      ...(eventId === undefined ? {} : { eventId }),
    });
    const headers = buildForwardHeaders(message.headers, {
      readFromTopic: input.topic,
      readFromPartition: input.partition,
      readFromOffset: message.offset,
      ...(envelope === undefined
        ? {}
        : { eventId: envelope.eventId, eventType: envelope.eventType }),
      attempts,
      failedAtMs,
      // On a DLQ copy the not-before time is when it was dead-lettered: the earliest a
      // redrive may run it.
      notBeforeMs: plan.kind === 'retry' ? plan.notBeforeMs : failedAtMs,
      errorClass,
      errorMessage,
      traceContext,
    });
    return {
      topic,
      span,
      // Same partition number as the record: tiers and DLQ are co-partitioned with the
      // source, so a copy's dedup mark stays in the partition its instance rebuilt.
      message: { key: message.key, value: message.value, headers, partition: input.partition },
    };
  }
}

function originOf(input: RecordInput): RecordOrigin {
  if (input.role.kind === 'source') return { kind: 'source' };
  const headers = input.message.headers;
  return {
    kind: 'tier',
    attempts: headerInteger(headers, kafkaHeaderNames.attemptCount) ?? 0,
    redrives: headerInteger(headers, kafkaHeaderNames.redriveCount) ?? 0,
  };
}

/** The envelope's id, type and receipt time, as outcomes carry them. */
function describeEvent(envelope: Envelope) {
  const receivedAtMs = envelope.receivedAt?.getTime();
  return {
    eventId: envelope.eventId,
    eventType: envelope.eventType,
    ...(receivedAtMs === undefined || Number.isNaN(receivedAtMs) ? {} : { receivedAtMs }),
  };
}

function skipped(
  reason: 'event-type' | 'duplicate',
  event: { eventId?: string; eventType?: string; receivedAtMs?: number },
): RecordResult {
  return settle({ kind: 'skipped', reason, ...event }, false);
}

function settle(outcome: RecordOutcome, handlerRan: boolean): RecordResult {
  return { kind: 'settled', outcome, handlerRan };
}
