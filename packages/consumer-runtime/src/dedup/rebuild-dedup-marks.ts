import type { Logger } from '@tributary/logger';
import type { Kafka } from 'kafkajs';
import { readPartitionsToEnd } from '../kafka/read-partitions-to-end.ts';
import { decodeMarkValue, packMark, unpackMark } from './dedup-mark.ts';
import type { DedupStore } from './dedup-store.ts';

/** Options for {@link rebuildDedupMarks}. */
export interface RebuildDedupMarksOptions {
  kafka: Kafka;
  /** The group's dedup topic. */
  dedupTopic: string;
  /** Dedup partitions to rebuild (the numbers of the newly assigned partitions). */
  partitions: readonly number[];
  /** The group id; the throwaway reader group is named after it. */
  groupId: string;
  /** Where the marks go. */
  store: DedupStore;
  /** Longest the read may take, in milliseconds. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * Reads the committed marks of `partitions` back from the dedup topic into `store`. Every
 * record of a key is read in offset order and the last one wins, so nothing depends on
 * compaction having run. Marks older than the dedup window are skipped by the store. Resolves
 * with the number of event ids read. Call it only after the producers of the assigned
 * partitions were acquired (see `partition-producers.ts`).
 */
export async function rebuildDedupMarks(options: RebuildDedupMarksOptions): Promise<number> {
  const { store, partitions, logger } = options;
  // Packed like the store's, so a rebuild of a million ids does not hold a million objects.
  const latest = new Map<number, Map<string, number>>(partitions.map((p) => [p, new Map()]));
  let unreadable = 0;
  const startedMs = Date.now();

  await readPartitionsToEnd({
    kafka: options.kafka,
    topic: options.dedupTopic,
    partitions,
    groupIdPrefix: `${options.groupId}.marks`,
    timeoutMs: options.timeoutMs,
    logger,
    onRecord: (partition, message) => {
      const eventId = message.key?.toString('utf8');
      const mark = decodeMarkValue(message.value);
      if (eventId === undefined || mark === undefined) {
        unreadable += 1;
        return;
      }
      const marks = latest.get(partition);
      marks?.delete(eventId);
      marks?.set(eventId, packMark(mark));
    },
  });

  let count = 0;
  for (const [partition, marks] of latest) {
    for (const [eventId, packed] of marks) store.merge(partition, eventId, unpackMark(packed));
    count += marks.size;
  }
  if (unreadable > 0) logger.warn({ unreadable }, 'dedup records that are not marks ignored');
  logger.info(
    { partitions, eventIds: count, durationMs: Date.now() - startedMs },
    'dedup marks rebuilt',
  );
  return count;
}
