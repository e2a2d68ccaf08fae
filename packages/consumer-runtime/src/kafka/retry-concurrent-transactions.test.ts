import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isConcurrentTransactions,
  retryConcurrentTransactions,
} from './retry-concurrent-transactions.ts';

const concurrent = () => Object.assign(new Error('busy'), { type: 'CONCURRENT_TRANSACTIONS' });

/** A step that fails with `errors` in turn, then resolves with the number of calls. */
function stepFailing(errors: Error[]) {
  let calls = 0;
  const step = async () => {
    calls += 1;
    const error = errors.shift();
    if (error !== undefined) throw error;
    return calls;
  };
  return { step, calls: () => calls };
}

describe('retryConcurrentTransactions', () => {
  test('when the broker answers CONCURRENT_TRANSACTIONS twice, runs the step a third time', async () => {
    const { step } = stepFailing([concurrent(), concurrent()]);

    assert.equal(await retryConcurrentTransactions(step, { initialWaitMs: 1 }), 3);
  });

  test('any other error is thrown at once, without a retry', async () => {
    const other = Object.assign(new Error('fenced'), { type: 'INVALID_PRODUCER_EPOCH' });
    const { step, calls } = stepFailing([other]);

    await assert.rejects(retryConcurrentTransactions(step), other);
    assert.equal(calls(), 1);
  });

  test('past the deadline, the CONCURRENT_TRANSACTIONS error is thrown', async () => {
    let clock = 0;
    const { step, calls } = stepFailing([concurrent(), concurrent(), concurrent()]);
    const stepAdvancing = async () => {
      clock += 600;
      return step();
    };

    await assert.rejects(
      retryConcurrentTransactions(stepAdvancing, { deadlineMs: 1_000, now: () => clock }),
      (error: unknown) => isConcurrentTransactions(error),
    );
    assert.equal(calls(), 2);
  });

  test('isConcurrentTransactions is false for errors without that type, and for non-errors', () => {
    assert.equal(isConcurrentTransactions(new Error('x')), false);
    assert.equal(isConcurrentTransactions(null), false);
    assert.equal(isConcurrentTransactions('CONCURRENT_TRANSACTIONS'), false);
  });
});
