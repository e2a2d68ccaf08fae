/**
 * Start options that keep broker-backed suites short: the broker's smallest session timeout
 * (group.min.session.timeout.ms, 6 s), quick heartbeats and fetches, short transactions,
 * and no signal handlers in the test process.
 */
export const fastTimings = Object.freeze({
  sessionTimeoutMs: 6_000,
  rebalanceTimeoutMs: 12_000,
  heartbeatIntervalMs: 500,
  fetchMaxWaitMs: 200,
  transactionTimeoutMs: 10_000,
  shutdownTimeoutMs: 15_000,
  marksRebuildTimeoutMs: 20_000,
  registryRetryInitialMs: 200,
  registryRetryMaxMs: 1_000,
  stopOnSignals: [] as NodeJS.Signals[],
});

/** Handler timeout below {@link fastTimings}' rebalance timeout. */
export const fastHandlerTimeoutMs = 8_000;
