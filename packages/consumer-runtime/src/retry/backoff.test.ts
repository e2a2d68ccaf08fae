import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jitteredDelayMs, outageBackoffMs } from './backoff.ts';

describe('jitteredDelayMs', () => {
  const cases = [
    { random: 0, expected: 5_000 },
    { random: 0.5, expected: 5_250 },
    { random: 0.999_999, expected: 5_499 },
  ];
  for (const { random, expected } of cases) {
    test(`a 5 s tier with 10 % jitter and draw ${random} waits ${expected} ms`, () => {
      assert.equal(
        jitteredDelayMs(5_000, 0.1, () => random),
        expected,
      );
    });
  }

  test('never waits less than the tier delay, whatever the draw', () => {
    for (let i = 0; i < 1_000; i += 1) {
      const delayMs = jitteredDelayMs(60_000, 0.1);
      assert.ok(delayMs >= 60_000 && delayMs < 66_000, `${delayMs}`);
    }
  });

  test('with no jitter waits exactly the tier delay', () => {
    assert.equal(
      jitteredDelayMs(600_000, 0, () => 0.7),
      600_000,
    );
  });
});

describe('outageBackoffMs', () => {
  const cases = [
    { failures: 1, expected: 500 },
    { failures: 2, expected: 1_000 },
    { failures: 4, expected: 4_000 },
    { failures: 10, expected: 30_000 },
    { failures: 200, expected: 30_000 },
  ];
  for (const { failures, expected } of cases) {
    test(`after ${failures} failures, without jitter, pauses ${expected} ms`, () => {
      assert.equal(
        outageBackoffMs(failures, 500, 30_000, () => 0),
        expected,
      );
    });
  }

  test('jitter never pushes a pause past the cap', () => {
    assert.equal(
      outageBackoffMs(20, 500, 30_000, () => 0.99),
      30_000,
    );
  });
});
