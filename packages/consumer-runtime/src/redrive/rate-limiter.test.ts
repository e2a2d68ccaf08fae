import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRateLimiter } from './rate-limiter.ts';

/** A limiter over a clock that only the waits move. */
function harness(maxPerSecond: number) {
  const clock = { nowMs: 0 };
  const waits: number[] = [];
  const limiter = createRateLimiter(maxPerSecond, {
    now: () => clock.nowMs,
    wait: async (ms) => {
      waits.push(ms);
      clock.nowMs += ms;
    },
  });
  return { limiter, clock, waits };
}

describe('rate limiter', () => {
  test('at 4 per second, five steps start 250 ms apart and the first at once', async () => {
    const { limiter, clock, waits } = harness(4);

    for (let i = 0; i < 5; i += 1) await limiter.take();

    assert.deepEqual(waits, [250, 250, 250, 250]);
    assert.equal(clock.nowMs, 1_000);
  });

  test('a step after a long pause starts at once', async () => {
    const { limiter, clock, waits } = harness(2);
    await limiter.take();
    clock.nowMs += 10_000;

    await limiter.take();

    assert.deepEqual(waits, []);
  });
});
