import type { Attributes } from '@opentelemetry/api';
import { MetricAttribute, type PipelineMetrics, ProcessOutcome } from '@tributary/telemetry';
import type { RecordOutcome } from '../process/record-outcome.ts';
import type { TopicPartition } from '../schedule/due-scheduler.ts';
import type { TopicRole } from '../service/topic-roles.ts';

/** The instruments {@link createOutcomeMetrics} records into. */
export type OutcomeInstruments = Pick<
  PipelineMetrics,
  'eventsProcessed' | 'receiptToProcessedMs' | 'retriesForwarded'
>;

/** What {@link createOutcomeMetrics} needs. */
export interface OutcomeMetricsDeps {
  /** The consumer group (prefix included), the `consumer_group` of every series. */
  readonly groupId: string;
  readonly instruments: OutcomeInstruments;
  /** Clock, epoch milliseconds: the end of the receipt-to-processed interval. */
  readonly now: () => number;
}

/** Records the outcomes of committed batches; see {@link createOutcomeMetrics}. */
export interface OutcomeMetrics {
  /**
   * Counts `outcomes`, read from `at` (whose role is `role`), once their batch transaction
   * committed: an aborted batch is redone, and counting it before would count it twice.
   */
  recordCommitted(at: TopicPartition, role: TopicRole, outcomes: readonly RecordOutcome[]): void;
}

/** The `outcome` label of a record's outcome. */
export function processOutcomeOf(outcome: RecordOutcome): string {
  switch (outcome.kind) {
    case 'skipped':
      return outcome.reason === 'duplicate' ? ProcessOutcome.duplicate : ProcessOutcome.skippedType;
    case 'done':
      return ProcessOutcome.handled;
    case 'retry':
      return ProcessOutcome.retried;
    case 'dead':
      return ProcessOutcome.deadLettered;
  }
}

/**
 * The pipeline metrics of a consumer group's records:
 * - `tributary.events.processed` once per record, by group, the topic it was read from (the
 *   source topic or a tier), event type (when known) and outcome;
 * - `tributary.retries.forwarded` per record sent to a tier, by group and tier number;
 * - `tributary.events.receipt_to_processed_ms` when a record is finished (handled or
 *   dead-lettered), from its envelope's `receivedAt` to now, by group, source topic and
 *   outcome. Records without a receipt time (undecodable) are not timed; a clock behind the
 *   ingress's records 0.
 */
export function createOutcomeMetrics(deps: OutcomeMetricsDeps): OutcomeMetrics {
  const { groupId, instruments, now } = deps;

  return {
    recordCommitted(at, role, outcomes) {
      const finishedAtMs = now();
      for (const outcome of outcomes) {
        const label = processOutcomeOf(outcome);
        instruments.eventsProcessed.add(1, {
          [MetricAttribute.group]: groupId,
          [MetricAttribute.topic]: at.topic,
          ...eventTypeOf(outcome),
          [MetricAttribute.outcome]: label,
        });
        if (outcome.kind === 'retry' && outcome.tier !== undefined) {
          instruments.retriesForwarded.add(1, {
            [MetricAttribute.group]: groupId,
            [MetricAttribute.tier]: String(outcome.tier),
          });
        }
        const finished = outcome.kind === 'done' || outcome.kind === 'dead';
        if (finished && outcome.receivedAtMs !== undefined) {
          instruments.receiptToProcessedMs.record(
            Math.max(0, finishedAtMs - outcome.receivedAtMs),
            {
              [MetricAttribute.group]: groupId,
              [MetricAttribute.topic]: role.route.sourceTopic,
              [MetricAttribute.outcome]: label,
            },
          );
        }
      }
    },
  };
}

function eventTypeOf(outcome: RecordOutcome): Attributes {
  return outcome.eventType === undefined ? {} : { [MetricAttribute.eventType]: outcome.eventType };
}
