import type { Logger } from '@tributary/logger';
import type { Kafka, Producer } from 'kafkajs';
import { RuntimeError } from '../errors/runtime-error.ts';
import type { TopicPartition } from '../schedule/due-scheduler.ts';
import { withInstrumentationSuppressed } from '../tracing/record-span.ts';

/** Options for {@link createPartitionProducers}. */
export interface PartitionProducersOptions {
  /** The service's kafkajs client. */
  kafka: Kafka;
  /** Consumer group id: the first part of every transactional id. */
  groupId: string;
  /** Longest a transaction may stay open before the broker aborts it, in milliseconds. */
  transactionTimeoutMs: number;
  /** Retries of a failed produce inside a transaction before the batch is aborted. */
  sendRetries: number;
  logger: Logger;
}

/**
 * One transactional producer per assigned partition. kafkajs commits offsets in a
 * transaction with TxnOffsetCommit v0-1, which carries no group generation, so the broker
 * cannot fence a member that lost its partition (KIP-447 needs later versions). A
 * transactional id per partition restores the fence: whichever member initialises the
 * producer of a partition bumps its epoch, which aborts the previous holder's open
 * transaction, waits for one being committed to finish, and makes the old producer's next
 * write fail. That is also why the committed offset and the dedup marks of a partition are
 * read only after its producer has been acquired.
 */
export interface PartitionProducers {
  /** The producer of `at`: created, connected and initialised on first use; calls share it. */
  acquire(at: TopicPartition): Promise<Producer>;
  /** Disconnects and forgets the producer of `at` (after an abort); the next acquire makes a new one. */
  discard(at: TopicPartition): Promise<void>;
  /** Disconnects every producer whose partition `keep` rejects (revoked partitions). */
  retainOnly(keep: (at: TopicPartition) => boolean): Promise<void>;
  /** Disconnects every producer; later acquires reject. */
  closeAll(): Promise<void>;
}

/** `<group>.<topic>.<partition>`: the transactional id of a partition's producer. */
export function transactionalIdOf(groupId: string, at: TopicPartition): string {
  return `${groupId}.${at.topic}.${at.partition}`;
}

/** Creates the {@link PartitionProducers} of one service instance. */
export function createPartitionProducers(options: PartitionProducersOptions): PartitionProducers {
  const { kafka, groupId, transactionTimeoutMs, sendRetries, logger } = options;
  const producers = new Map<string, { at: TopicPartition; ready: Promise<Producer> }>();
  const keyOf = (at: TopicPartition) => `${at.topic}|${at.partition}`;
  let closed = false;

  const create = async (at: TopicPartition): Promise<Producer> => {
    const transactionalId = transactionalIdOf(groupId, at);
    const producer = kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: transactionTimeoutMs,
      allowAutoTopicCreation: false,
      // The next transaction of a producer often meets CONCURRENT_TRANSACTIONS while the
      // coordinator completes the previous commit (a few ms); kafkajs's default first retry
      // waits 300 ms, which measured as the runtime's largest stall. Retry as the Java client
      // does: soon, then backing off.
      retry: { retries: sendRetries, initialRetryTime: 10, maxRetryTime: 1_000 },
    });
    await producer.connect();
    // kafkajs initialises the producer id lazily, in the first transaction(). An empty
    // transaction ended at once does it now (no EndTxn is sent for it), so the fence and the
    // wait for the previous holder's transaction happen before anything is read.
    // Untraced: the kafkajs instrumentation would record it as a root `transaction` trace.
    await withInstrumentationSuppressed(async () => {
      const transaction = await producer.transaction();
      await transaction.abort();
    });
    logger.debug({ transactionalId }, 'partition producer ready');
    return producer;
  };
  const close = async (key: string) => {
    const entry = producers.get(key);
    if (entry === undefined) return;
    producers.delete(key);
    try {
      await (await entry.ready).disconnect();
    } catch (error: unknown) {
      logger.debug({ err: error, ...entry.at }, 'partition producer closed with an error');
    }
  };

  return {
    acquire(at) {
      if (closed) {
        return Promise.reject(new RuntimeError('STOPPED', `producers of ${groupId} are closed`));
      }
      const key = keyOf(at);
      const existing = producers.get(key);
      if (existing !== undefined) return existing.ready;
      const ready = create(at);
      producers.set(key, { at, ready });
      // A failed creation is forgotten so the next acquire tries again.
      ready.catch(() => {
        if (producers.get(key)?.ready === ready) producers.delete(key);
      });
      return ready;
    },
    discard: (at) => close(keyOf(at)),
    async retainOnly(keep) {
      const revoked = [...producers.entries()].filter(([, entry]) => !keep(entry.at));
      await Promise.all(revoked.map(([key]) => close(key)));
    },
    async closeAll() {
      closed = true;
      await Promise.all([...producers.keys()].map((key) => close(key)));
    },
  };
}
