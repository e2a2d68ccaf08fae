import type { Message, Producer, TopicMessages } from 'kafkajs';
import { encodeMarkValue } from '../dedup/dedup-mark.ts';
import { RuntimeError } from '../errors/runtime-error.ts';
import { retryConcurrentTransactions } from '../kafka/retry-concurrent-transactions.ts';
import type { TopicPartition } from '../schedule/due-scheduler.ts';
import type { FaultHooks } from './fault-hooks.ts';
import type { RecordOutcome } from './record-outcome.ts';

/** One transaction's worth of a partition's work. */
export interface CommitRequest {
  /** The partition's transactional producer. */
  producer: Producer;
  /** Consumer group the offset is committed for. */
  groupId: string;
  /** The group's dedup topic. */
  dedupTopic: string;
  /** The partition the records were read from. */
  at: TopicPartition;
  /** Offset to commit: the one after the last record processed. */
  nextOffset: string;
  /** The records' outcomes, in offset order. */
  outcomes: readonly RecordOutcome[];
  /** Test-only crash points. */
  faultHooks?: FaultHooks | undefined;
}

/**
 * Writes the dedup marks and forwards of `outcomes` and commits `nextOffset` for the group,
 * all in one Kafka transaction: after a crash at any point either all of it is visible to
 * read_committed readers or none of it is, and the records are read again. Marks go to the
 * dedup partition with the source partition's number. On failure the transaction is aborted
 * and `TRANSACTION_FAILED` thrown; the caller must then redo the records with a fresh
 * producer. The caller runs it with the instrumentations suppressed, so the forwards keep
 * the trace context they were built with (see `withInstrumentationSuppressed`).
 */
export async function commitOutcomes(request: CommitRequest): Promise<void> {
  const { producer, at, faultHooks } = request;
  const transaction = await producer.transaction();
  try {
    const topicMessages = messagesOf(request);
    if (topicMessages.length > 0) {
      await transaction.sendBatch({ topicMessages });
      faultHooks?.afterForwardSent?.();
    }
    // A transaction of skipped records only starts with sendOffsets, which kafkajs does not
    // retry when the previous commit of this producer is still completing.
    await retryConcurrentTransactions(() =>
      transaction.sendOffsets({
        consumerGroupId: request.groupId,
        topics: [
          {
            topic: at.topic,
            partitions: [{ partition: at.partition, offset: request.nextOffset }],
          },
        ],
      }),
    );
    faultHooks?.beforeCommit?.();
    await transaction.commit();
  } catch (error: unknown) {
    await transaction.abort().catch(() => {
      // Already ended, or the producer was fenced: the broker aborts it on the next fence.
    });
    throw new RuntimeError(
      'TRANSACTION_FAILED',
      `transaction for ${at.topic}[${at.partition}] up to offset ${request.nextOffset} failed`,
      { cause: error },
    );
  }
}

function messagesOf(request: CommitRequest): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  const add = (topic: string, message: Message) => {
    const list = byTopic.get(topic) ?? [];
    list.push(message);
    byTopic.set(topic, list);
  };
  for (const outcome of request.outcomes) {
    if (outcome.kind === 'retry' || outcome.kind === 'dead') {
      add(outcome.forward.topic, outcome.forward.message);
    }
    if (
      (outcome.kind === 'done' || outcome.kind === 'retry' || outcome.kind === 'dead') &&
      outcome.eventId !== undefined &&
      outcome.mark !== undefined
    ) {
      add(request.dedupTopic, {
        key: outcome.eventId,
        value: encodeMarkValue(outcome.mark),
        partition: request.at.partition,
      });
    }
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
