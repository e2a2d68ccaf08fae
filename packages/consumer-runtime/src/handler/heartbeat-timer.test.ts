import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from '@tributary/logger';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { startHeartbeatTimer } from './heartbeat-timer.ts';

const logger = createLogger({ serviceName: 'test', level: 'silent' });

describe('heartbeat timer', () => {
  test('beats on its interval until stopped', async () => {
    let beats = 0;
    const timer = startHeartbeatTimer(
      async () => {
        beats += 1;
      },
      5,
      logger,
    );

    await waitFor(() => beats >= 3, { timeoutMs: 2_000, intervalMs: 5, what: 'three beats' });
    timer.stop();
    const stoppedAt = beats;

    assert.ok(stoppedAt >= 3);
    assert.equal(timer.rebalancing(), false);
  });

  const cases = [
    { type: 'REBALANCE_IN_PROGRESS', rebalancing: true },
    { type: 'ILLEGAL_GENERATION', rebalancing: true },
    { type: 'REQUEST_TIMED_OUT', rebalancing: false },
  ];
  for (const { type, rebalancing } of cases) {
    test(`a heartbeat failing with ${type} ${rebalancing ? 'flags' : 'does not flag'} a rebalance, and nothing throws`, async () => {
      let failures = 0;
      const timer = startHeartbeatTimer(
        async () => {
          failures += 1;
          throw Object.assign(new Error(type), { type });
        },
        5,
        logger,
      );

      await waitFor(() => failures >= 2, { timeoutMs: 2_000, intervalMs: 5, what: 'two failures' });
      timer.stop();

      assert.equal(timer.rebalancing(), rebalancing);
    });
  }
});
