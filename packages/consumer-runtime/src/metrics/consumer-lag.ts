import type { Admin } from 'kafkajs';
import type { TopicPartition } from '../schedule/due-scheduler.ts';

/** The lag of one assigned partition. */
export interface LagSample {
  readonly topic: string;
  readonly partition: number;
  /** Records after the group's committed offset, up to the end offset. */
  readonly lag: number;
}

/**
 * Records of a partition the group has not committed: the end offset minus the committed
 * offset, or minus the start offset when the group committed nothing there yet (-1), never
 * below 0. Offsets are decimal strings, as kafkajs gives them.
 */
export function partitionLag(endOffset: string, startOffset: string, committed: string): number {
  const end = BigInt(endOffset);
  const from = BigInt(committed) >= 0n ? BigInt(committed) : BigInt(startOffset);
  return end > from ? Number(end - from) : 0;
}

/**
 * Reads the lag of the `assigned` partitions of `groupId`: one ListOffsets request per topic
 * and one OffsetFetch for all of them. Only this instance's partitions are reported, so the
 * sum over the group's instances counts each partition once.
 *
 * On a tier topic, written in transactions, the end offset includes the commit marker after
 * the last copy, so a fully caught-up tier partition can read 1.
 */
export async function readConsumerLag(
  admin: Pick<Admin, 'fetchTopicOffsets' | 'fetchOffsets'>,
  groupId: string,
  assigned: readonly TopicPartition[],
): Promise<LagSample[]> {
  const topics = [...new Set(assigned.map((at) => at.topic))];
  if (topics.length === 0) return [];

  const [ends, committed] = await Promise.all([
    Promise.all(
      topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
    ),
    admin.fetchOffsets({ groupId, topics }),
  ]);
  const committedAt = new Map(
    committed.flatMap(({ topic, partitions }) =>
      partitions.map(({ partition, offset }) => [`${topic}|${partition}`, offset] as const),
    ),
  );
  const wanted = new Set(assigned.map((at) => `${at.topic}|${at.partition}`));

  return ends.flatMap(({ topic, offsets }) =>
    offsets
      .filter(({ partition }) => wanted.has(`${topic}|${partition}`))
      .map(({ partition, high, low }) => ({
        topic,
        partition,
        lag: partitionLag(high, low, committedAt.get(`${topic}|${partition}`) ?? '-1'),
      })),
  );
}
