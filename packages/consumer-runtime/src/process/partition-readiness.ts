import type { Logger } from '@tributary/logger';
import type { Admin, Producer } from 'kafkajs';
import type { DedupStore } from '../dedup/dedup-store.ts';
import type { PartitionProducers } from '../kafka/partition-producers.ts';
import type { TopicPartition } from '../schedule/due-scheduler.ts';

/** A partition ready to process. */
export interface PreparedPartition {
  /** Its transactional producer, initialised (the previous holder fenced). */
  readonly producer: Producer;
  /** The group's committed offset, read after the fence; undefined when none. */
  readonly committedOffset: bigint | undefined;
}

/** What {@link createPartitionReadiness} acts on. */
export interface PartitionReadinessDeps {
  producers: PartitionProducers;
  /** Connected admin client of the service. */
  admin: Admin;
  groupId: string;
  store: DedupStore;
  /** Reads the marks of dedup partitions back into the store. */
  rebuildMarks: (partitions: readonly number[]) => Promise<unknown>;
  logger: Logger;
}

/**
 * Prepares assigned partitions in the order that keeps a crash or a rebalance from doubling
 * work: first the producers of every newly assigned partition are initialised (fencing the
 * previous holder and finishing its open transaction), then the dedup marks of their
 * partition numbers are read back, then the committed offsets. A batch waits for its
 * partition, and for any rebuild of its partition number, before it runs.
 */
export interface PartitionReadiness {
  /** Takes a new assignment: forgets revoked partitions, prepares new ones. */
  assign(assigned: readonly TopicPartition[]): void;
  /** Resolves when `at` is ready; prepares it first when it is not (it must be assigned). */
  ready(at: TopicPartition): Promise<PreparedPartition>;
  /** Forgets `at` after a failed transaction: its producer is discarded, all is read again. */
  reset(at: TopicPartition): Promise<void>;
  /**
   * Shutdown: waits for preparations in flight to settle (so none opens a producer or a
   * reader after the owner closed its clients), then forgets everything.
   */
  close(): Promise<void>;
}

/** Creates the {@link PartitionReadiness} of one service instance. */
export function createPartitionReadiness(deps: PartitionReadinessDeps): PartitionReadiness {
  const { producers, store, logger } = deps;
  const prepared = new Map<string, Promise<PreparedPartition>>();
  const marksReady = new Map<number, Promise<unknown>>();
  const inFlight = new Set<Promise<unknown>>();
  const keyOf = (at: TopicPartition) => `${at.topic}|${at.partition}`;

  const prepare = (group: readonly TopicPartition[]) => {
    const producersReady = Promise.all(group.map((at) => producers.acquire(at)));
    const numbers = [...new Set(group.map((at) => at.partition))];
    const rebuilt = producersReady.then(() => deps.rebuildMarks(numbers));
    for (const number of numbers) marksReady.set(number, rebuilt);
    const offsets = rebuilt.then(() => committedOffsets(deps.admin, deps.groupId, group));
    const settled = offsets.catch(() => {}).finally(() => inFlight.delete(settled));
    inFlight.add(settled);

    group.forEach((at, index) => {
      const key = keyOf(at);
      const ready = Promise.all([producersReady, offsets]).then(([all, committed]) => ({
        producer: all[index] as Producer,
        committedOffset: committed.get(key),
      }));
      prepared.set(key, ready);
      // A failed preparation is forgotten, so the partition's next batch tries again.
      ready.catch((error: unknown) => {
        logger.warn({ err: error, ...at }, 'partition preparation failed');
        if (prepared.get(key) === ready) prepared.delete(key);
      });
    });
    rebuilt.catch(() => {
      for (const number of numbers)
        if (marksReady.get(number) === rebuilt) marksReady.delete(number);
    });
  };

  return {
    assign(assigned) {
      const keep = new Set(assigned.map(keyOf));
      for (const key of [...prepared.keys()]) if (!keep.has(key)) prepared.delete(key);
      void producers.retainOnly((at) => keep.has(keyOf(at)));
      const numbers = new Set(assigned.map((at) => at.partition));
      for (const partition of store.partitions()) {
        if (!numbers.has(partition)) store.dropPartition(partition);
      }
      for (const number of [...marksReady.keys()])
        if (!numbers.has(number)) marksReady.delete(number);
      const added = assigned.filter((at) => !prepared.has(keyOf(at)));
      if (added.length > 0) prepare(added);
    },
    async ready(at) {
      const key = keyOf(at);
      if (!prepared.has(key)) prepare([at]);
      // prepare() has just set the key, synchronously.
      const partition = await (prepared.get(key) as Promise<PreparedPartition>);
      await marksReady.get(at.partition);
      return partition;
    },
    async reset(at) {
      prepared.delete(keyOf(at));
      await producers.discard(at);
    },
    async close() {
      await Promise.all([...inFlight]);
      prepared.clear();
      marksReady.clear();
    },
  };
}

async function committedOffsets(
  admin: Admin,
  groupId: string,
  group: readonly TopicPartition[],
): Promise<Map<string, bigint>> {
  const topics = [...new Set(group.map((at) => at.topic))];
  const fetched = await admin.fetchOffsets({ groupId, topics });
  const offsets = new Map<string, bigint>();
  for (const { topic, partitions } of fetched) {
    for (const { partition, offset } of partitions) {
      // -1: the group has no committed offset there yet.
      if (BigInt(offset) >= 0n) offsets.set(`${topic}|${partition}`, BigInt(offset));
    }
  }
  return offsets;
}
