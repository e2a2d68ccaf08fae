import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDueScheduler, msUntilDue, type TopicPartition } from './due-scheduler.ts';

/** A scheduler over recorded pause/resume calls and timers the test fires by hand. */
function harness() {
  const calls: string[] = [];
  const timers = new Map<number, { run: () => void; delayMs: number }>();
  let next = 0;
  const clock = { nowMs: 1_000 };
  const scheduler = createDueScheduler({
    pause: (at) => void calls.push(`pause ${at.topic}[${at.partition}]`),
    resume: (at) => void calls.push(`resume ${at.topic}[${at.partition}]`),
    now: () => clock.nowMs,
    setTimer: (run, delayMs) => {
      next += 1;
      timers.set(next, { run, delayMs });
      return next as unknown as NodeJS.Timeout;
    },
    clearTimer: (timer) => void timers.delete(timer as unknown as number),
  });
  const fireAll = () => {
    for (const [id, timer] of [...timers]) {
      timers.delete(id);
      timer.run();
    }
  };
  return { scheduler, calls, timers, clock, fireAll };
}

const tier: TopicPartition = { topic: 'retry.1', partition: 0 };

describe('msUntilDue', () => {
  const cases = [
    { notBeforeMs: undefined, expected: 0 },
    { notBeforeMs: 500, expected: 0 },
    { notBeforeMs: 1_000, expected: 0 },
    { notBeforeMs: 6_000, expected: 5_000 },
  ];
  for (const { notBeforeMs, expected } of cases) {
    test(`a copy not before ${notBeforeMs} is due in ${expected} ms at 1000`, () => {
      assert.equal(msUntilDue(notBeforeMs, 1_000), expected);
    });
  }
});

describe('due scheduler', () => {
  test('holds a partition until its copy is due, then resumes it', () => {
    const { scheduler, calls, timers, fireAll } = harness();

    scheduler.holdUntil(tier, 6_000);

    assert.deepEqual(calls, ['pause retry.1[0]']);
    assert.deepEqual(
      [...timers.values()].map((t) => t.delayMs),
      [5_000],
    );
    assert.ok(scheduler.isHeld(tier));
    fireAll();
    assert.deepEqual(calls, ['pause retry.1[0]', 'resume retry.1[0]']);
    assert.equal(scheduler.isHeld(tier), false);
  });

  test('holding a held partition again replaces its timer without pausing twice', () => {
    const { scheduler, calls, timers } = harness();

    scheduler.holdUntil(tier, 6_000);
    scheduler.holdUntil(tier, 3_000);

    assert.deepEqual(calls, ['pause retry.1[0]']);
    assert.deepEqual(
      [...timers.values()].map((t) => t.delayMs),
      [2_000],
    );
  });

  test('after a rebalance every held partition is resumed and its timer cancelled', () => {
    const { scheduler, calls, timers } = harness();
    scheduler.holdUntil(tier, 6_000);
    scheduler.holdUntil({ topic: 'retry.2', partition: 1 }, 60_000);

    scheduler.rearm();

    assert.deepEqual(calls.slice(2), ['resume retry.1[0]', 'resume retry.2[1]']);
    assert.equal(timers.size, 0);
  });

  test('clear cancels the timers and resumes nothing (shutdown)', () => {
    const { scheduler, calls, timers } = harness();
    scheduler.holdUntil(tier, 6_000);

    scheduler.clear();

    assert.deepEqual(calls, ['pause retry.1[0]']);
    assert.equal(timers.size, 0);
  });
});
