/** How long until a copy with this not-before time is due, in milliseconds; 0 when due. */
export function msUntilDue(notBeforeMs: number | undefined, nowMs: number): number {
  return notBeforeMs === undefined ? 0 : Math.max(0, notBeforeMs - nowMs);
}

/** A topic partition. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** What {@link createDueScheduler} acts on: the consumer's pause/resume and a clock. */
export interface DueSchedulerPorts {
  /** Stops fetching `at` (kafkajs `consumer.pause`). */
  pause(at: TopicPartition): void;
  /** Fetches `at` again (kafkajs `consumer.resume`). */
  resume(at: TopicPartition): void;
  /** Clock, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Timer start. Default `setTimeout`. */
  setTimer?: (run: () => void, delayMs: number) => NodeJS.Timeout;
  /** Timer stop. Default `clearTimeout`. */
  clearTimer?: (timer: NodeJS.Timeout) => void;
}

/**
 * Holds partitions back until a time: a tier partition whose next copy is not due yet, or a
 * partition waiting out a registry outage. The caller leaves that copy's offset unresolved
 * and returns from `eachBatch`; when the timer fires the partition is resumed and kafkajs
 * fetches again from the unresolved offset. Nothing sleeps, and no handler waits.
 */
export interface DueScheduler {
  /** Pauses `at` until `dueMs` (epoch ms), replacing an earlier hold of it. */
  holdUntil(at: TopicPartition, dueMs: number): void;
  /** True while `at` is held. */
  isHeld(at: TopicPartition): boolean;
  /**
   * Cancels every timer and resumes every held partition. Called after each rebalance: a
   * partition still assigned is fetched again, finds its copy still not due, and is held
   * again with a fresh timer; one no longer assigned is simply dropped.
   */
  rearm(): void;
  /** Cancels every timer without resuming (shutdown). */
  clear(): void;
}

/** Creates a {@link DueScheduler}. */
export function createDueScheduler(ports: DueSchedulerPorts): DueScheduler {
  const now = ports.now ?? Date.now;
  const setTimer = ports.setTimer ?? ((run, delayMs) => setTimeout(run, delayMs));
  const clearTimer = ports.clearTimer ?? clearTimeout;
  const held = new Map<string, { at: TopicPartition; timer: NodeJS.Timeout }>();
  const keyOf = (at: TopicPartition) => `${at.topic}|${at.partition}`;

  const release = (key: string) => {
    const entry = held.get(key);
    if (entry === undefined) return;
    held.delete(key);
    clearTimer(entry.timer);
    ports.resume(entry.at);
  };

  return {
    holdUntil(at, dueMs) {
      const key = keyOf(at);
      const previous = held.get(key);
      if (previous !== undefined) clearTimer(previous.timer);
      else ports.pause(at);
      const timer = setTimer(() => release(key), msUntilDue(dueMs, now()));
      held.set(key, { at, timer });
    },
    isHeld: (at) => held.has(keyOf(at)),
    rearm() {
      for (const key of [...held.keys()]) release(key);
    },
    clear() {
      for (const { timer } of held.values()) clearTimer(timer);
      held.clear();
    },
  };
}
