import { type DedupMark, packMark, unpackMark } from './dedup-mark.ts';

/** Options for {@link createDedupStore}. */
export interface DedupStoreOptions {
  /** How long a mark counts, in milliseconds (the group's dedup window); older ones are gone. */
  windowMs: number;
  /** Most marks held across all partitions; past it the oldest of the partition written to goes. */
  maxEntries: number;
  /** Clock, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * The dedup marks of the partitions an instance is assigned, in memory, bounded twice: a
 * mark older than the dedup window is dropped (the topic's retention drops it too), and the
 * total never exceeds `maxEntries`. Each partition's map keeps insertion order, and a write
 * re-inserts its key, so the oldest marks sit at the front and eviction is O(1) per mark.
 * Batches of partitions sharing a number (a source partition and its tiers') may interleave
 * between awaits; each writes its marks only after its transaction committed, and the
 * dedup rules tolerate a mark that lags the topic.
 */
export interface DedupStore {
  /** The mark of `eventId` in dedup partition `partition`, or undefined (none, or expired). */
  get(partition: number, eventId: string): DedupMark | undefined;
  /** Records `mark` as the latest of `eventId`. */
  set(partition: number, eventId: string, mark: DedupMark): void;
  /**
   * Records `mark` unless the one held is newer, to the second (a rebuild merges into live
   * state with this: a write made while the rebuild read is not undone by it).
   */
  merge(partition: number, eventId: string, mark: DedupMark): void;
  /** Forgets every mark of `partition` (it is no longer assigned). */
  dropPartition(partition: number): void;
  /** Partitions holding marks. */
  partitions(): number[];
  /**
   * Event ids of dedup partition `partition` whose latest mark held is `dead`: dead-lettered
   * and not redriven since (a redrive moves the mark to retrying). Kept as writes happen, so
   * reading it costs nothing; a dead mark past the window counts until it is evicted.
   */
  deadCount(partition: number): number;
  /** Marks held in all partitions. */
  size(): number;
}

// Shortcoming: a mark evicted by maxEntries before its window ends is forgotten; a redelivery
// of that event id then runs the handler again.
/** Creates a {@link DedupStore}. */
export function createDedupStore(options: DedupStoreOptions): DedupStore {
  const { windowMs, maxEntries, now = Date.now } = options;
  const byPartition = new Map<number, Map<string, number>>();
  const deadByPartition = new Map<number, number>();
  let total = 0;

  const marksOf = (partition: number) => {
    let marks = byPartition.get(partition);
    if (marks === undefined) {
      marks = new Map();
      byPartition.set(partition, marks);
    }
    return marks;
  };
  const isExpired = (mark: DedupMark) => mark.atMs + windowMs <= now();
  const countDead = (partition: number, packed: number | undefined, delta: 1 | -1) => {
    if (packed === undefined || unpackMark(packed).state !== 'dead') return;
    deadByPartition.set(partition, (deadByPartition.get(partition) ?? 0) + delta);
  };
  const evict = (partition: number, marks: Map<string, number>) => {
    for (const [eventId, packed] of marks) {
      if (total <= maxEntries && !isExpired(unpackMark(packed))) return;
      marks.delete(eventId);
      countDead(partition, packed, -1);
      total -= 1;
    }
  };

  const store: DedupStore = {
    get(partition, eventId) {
      const packed = byPartition.get(partition)?.get(eventId);
      if (packed === undefined) return undefined;
      const mark = unpackMark(packed);
      return isExpired(mark) ? undefined : mark;
    },
    set(partition, eventId, mark) {
      const marks = marksOf(partition);
      const held = marks.get(eventId);
      if (marks.delete(eventId)) total -= 1;
      countDead(partition, held, -1);
      const packed = packMark(mark);
      marks.set(eventId, packed);
      countDead(partition, packed, 1);
      total += 1;
      evict(partition, marks);
    },
    merge(partition, eventId, mark) {
      const held = byPartition.get(partition)?.get(eventId);
      if (held !== undefined && unpackMark(held).atMs > Math.floor(mark.atMs / 1000) * 1000) {
        return;
      }
      store.set(partition, eventId, mark);
    },
    dropPartition(partition) {
      total -= byPartition.get(partition)?.size ?? 0;
      byPartition.delete(partition);
      deadByPartition.delete(partition);
    },
    partitions: () => [...byPartition.keys()],
    deadCount: (partition) => deadByPartition.get(partition) ?? 0,
    size: () => total,
  };
  return store;
}
