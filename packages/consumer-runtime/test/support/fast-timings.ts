import { fastServiceTimings } from '../../../../test/support/service-test-topics.ts';

/**
 * Start options that keep broker-backed suites short: the shared {@link fastServiceTimings}
 * (the broker's smallest session timeout, 6 s, quick heartbeats and fetches, short
 * transactions, no signal handlers in the test process) plus quick registry retries.
 */
export const fastTimings = Object.freeze({
  ...fastServiceTimings,
  registryRetryInitialMs: 200,
  registryRetryMaxMs: 1_000,
});

/** Handler timeout below {@link fastTimings}' rebalance timeout. */
export const fastHandlerTimeoutMs = 8_000;
