/** Options of {@link retryConcurrentTransactions}. */
export interface ConcurrentTransactionRetryOptions {
  /** Longest the retries go on, in milliseconds. Default 5 000. */
  deadlineMs?: number;
  /** First wait, doubled after each retry up to {@link maxWaitMs}, in milliseconds. Default 2. */
  initialWaitMs?: number;
  /** Longest single wait, in milliseconds. Default 50. */
  maxWaitMs?: number;
  /** The clock; tests pass their own. Default `Date.now`. */
  now?: () => number;
}

/** True for the broker's CONCURRENT_TRANSACTIONS answer, as kafkajs reports it. */
export function isConcurrentTransactions(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === 'CONCURRENT_TRANSACTIONS';
}

/**
 * Runs `step` (one request of a transaction, such as `sendOffsets`) and, while the broker
 * answers CONCURRENT_TRANSACTIONS, runs it again after a short, growing wait. EndTxn returns
 * once the coordinator has prepared the previous commit; until its markers are written, the
 * next transaction of the same transactional id gets that answer. The Java producer retries
 * it after a few milliseconds; kafkajs 2.2.4 retries AddPartitionsToTxn with the producer's
 * retry settings but AddOffsetsToTxn not at all, so a transaction that starts with
 * `sendOffsets` would fail outright. Any other error, or the deadline passing, is thrown.
 */
export async function retryConcurrentTransactions<T>(
  step: () => Promise<T>,
  options: ConcurrentTransactionRetryOptions = {},
): Promise<T> {
  const now = options.now ?? Date.now;
  const deadline = now() + (options.deadlineMs ?? 5_000);
  let waitMs = options.initialWaitMs ?? 2;
  for (;;) {
    try {
      return await step();
    } catch (error: unknown) {
      if (!isConcurrentTransactions(error) || now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    waitMs = Math.min(waitMs * 2, options.maxWaitMs ?? 50);
  }
}
