import { randomBytes } from 'node:crypto';
import type { Logger } from '@tributary/logger';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { RuntimeError } from '../errors/runtime-error.ts';

/** Options for {@link readPartitionsToEnd}. */
export interface ReadPartitionsToEndOptions {
  /** The kafkajs client to read with. */
  kafka: Kafka;
  /** The topic to read. */
  topic: string;
  /** Partitions to read; absent: all of them. */
  partitions?: readonly number[];
  /** Prefix of the throwaway group's id (`<prefix>.reader.<random>`); carries the name prefix. */
  groupIdPrefix: string;
  /** Called once per committed record below the end offset, in offset order per partition. */
  onRecord: (partition: number, message: KafkaMessage) => void;
  /** Longest the whole read may take, in milliseconds. */
  timeoutMs: number;
  /** Read records of open and aborted transactions too (inspection, tests). Default false. */
  readUncommitted?: boolean;
  logger: Logger;
}

// Shortcoming: records another member commits after its still-open transaction on the same
// partition lie past the stable offset and are not read (their marks may lag; see dedup rules).
/**
 * Reads committed records of some partitions of `topic` from the start up to the end
 * offsets taken when it begins, then stops. kafkajs has no `assign()`, so it joins a
 * throwaway consumer group of its own (deleted afterwards), pauses the partitions it was
 * not asked for, and tracks progress through the consumer's end-of-batch events, which also
 * fire for batches holding only transaction markers or aborted records.
 *
 * The end offsets are read_committed ones (the last stable offset): records of a
 * transaction still open when the read starts are not waited for (with `readUncommitted`,
 * records up to that offset are read whatever their transaction's fate). Rejects with
 * `TOPIC_READ_FAILED` past `timeoutMs`.
 */
export async function readPartitionsToEnd(options: ReadPartitionsToEndOptions): Promise<void> {
  const { kafka, topic, logger } = options;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await endOffsets(admin, topic, options.partitions);
    if (ends.size === 0) return;
    const groupId = `${options.groupIdPrefix}.reader.${randomBytes(4).toString('hex')}`;
    try {
      await readUntil(kafka, groupId, ends, options);
    } finally {
      await admin.deleteGroups([groupId]).catch((error: unknown) => {
        logger.debug({ err: error, groupId }, 'throwaway reader group not deleted');
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/** End offset (exclusive) of every wanted partition that has records. */
async function endOffsets(
  admin: Admin,
  topic: string,
  partitions: readonly number[] | undefined,
): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const ends = new Map<number, bigint>();
  for (const { partition, high, low } of offsets) {
    const wanted = partitions === undefined || partitions.includes(partition);
    if (wanted && BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
  }
  return ends;
}

async function readUntil(
  kafka: Kafka,
  groupId: string,
  ends: Map<number, bigint>,
  options: ReadPartitionsToEndOptions,
): Promise<void> {
  const { topic, onRecord, timeoutMs } = options;
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 200,
    allowAutoTopicCreation: false,
    readUncommitted: options.readUncommitted ?? false,
  });
  const pending = new Set(ends.keys());
  let finish: () => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Awaited only once the consumer runs; a timeout or crash before that must not surface
  // as an unhandled rejection in the meantime.
  finished.catch(() => {});

  const reached = (partition: number, nextOffset: bigint) => {
    const end = ends.get(partition);
    if (end === undefined || nextOffset < end || !pending.delete(partition)) return;
    consumer.pause([{ topic, partitions: [partition] }]);
    if (pending.size === 0) finish();
  };
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const unwanted = (payload.memberAssignment[topic] ?? []).filter((p) => !pending.has(p));
    if (unwanted.length > 0) consumer.pause([{ topic, partitions: unwanted }]);
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.topic === topic) reached(payload.partition, BigInt(payload.lastOffset) + 1n);
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));

  const timer = setTimeout(() => {
    const left = [...pending].join(', ');
    fail(
      new RuntimeError(
        'TOPIC_READ_FAILED',
        `reading ${topic} to its end took over ${timeoutMs} ms (partitions left: ${left})`,
      ),
    );
  }, timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition);
        if (end === undefined) return;
        for (const message of batch.messages) {
          if (BigInt(message.offset) < end) onRecord(batch.partition, message);
        }
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    await disconnectQuietly(consumer);
  }
}

async function disconnectQuietly(consumer: Consumer): Promise<void> {
  try {
    await consumer.disconnect();
  } catch {
    // The read already has what it needs; a failed leave only delays the group's removal.
  }
}
