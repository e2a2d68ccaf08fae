import type { Logger } from '@tributary/logger';

/** A running heartbeat timer. */
export interface HeartbeatTimer {
  /** True once a heartbeat was answered "rebalancing": finish the record in hand and return. */
  rebalancing(): boolean;
  /** Stops the timer. */
  stop(): void;
}

// The errors kafkajs's own runner treats as "rejoin the group" (errors.js isRebalancing).
const rebalanceErrorTypes = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
]);

/**
 * Calls `heartbeat` every `intervalMs` until stopped. kafkajs heartbeats only between
 * messages or when `eachBatch` asks, so a long handler would otherwise let the session
 * expire and its partition run a second time elsewhere. A heartbeat answered "rebalancing"
 * is expected (the member rejoins once the batch returns) and is logged at debug, never
 * thrown; it is remembered so the batch stops after the record in hand and commits, and
 * the member rejoins within the rebalance timeout however many records the batch holds.
 */
export function startHeartbeatTimer(
  heartbeat: () => Promise<void>,
  intervalMs: number,
  logger: Logger,
): HeartbeatTimer {
  let beating = false;
  let rebalancing = false;
  const timer = setInterval(() => {
    // One heartbeat at a time: a slow coordinator must not pile up requests.
    if (beating) return;
    beating = true;
    heartbeat()
      .catch((error: unknown) => {
        if (rebalanceErrorTypes.has(String((error as { type?: unknown }).type))) rebalancing = true;
        logger.debug({ err: error }, 'heartbeat during batch failed');
      })
      .finally(() => {
        beating = false;
      });
  }, intervalMs);
  return { rebalancing: () => rebalancing, stop: () => clearInterval(timer) };
}
