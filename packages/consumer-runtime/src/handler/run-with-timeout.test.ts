import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { isRuntimeError } from '../errors/runtime-error.ts';
import { runWithTimeout } from './run-with-timeout.ts';

const waitForAbort = async (signal: AbortSignal) => {
  await once(signal, 'abort');
};

describe('runWithTimeout', () => {
  test('work that resolves in time ends ok', async () => {
    const outcome = await runWithTimeout(async () => {}, {
      timeoutMs: 1_000,
      shutdownSignal: new AbortController().signal,
    });

    assert.deepEqual(outcome, { ok: true });
  });

  test('work that throws ends as a failure with its error', async () => {
    const error = new Error('boom');

    const outcome = await runWithTimeout(
      async () => {
        throw error;
      },
      { timeoutMs: 1_000, shutdownSignal: new AbortController().signal },
    );

    assert.deepEqual(outcome, { ok: false, error });
  });

  test('work past its timeout fails with HANDLER_TIMEOUT and its signal is aborted', async () => {
    let seen: AbortSignal | undefined;

    const outcome = await runWithTimeout(
      (signal) => {
        seen = signal;
        return waitForAbort(signal);
      },
      { timeoutMs: 20, shutdownSignal: new AbortController().signal },
    );

    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && isRuntimeError(outcome.error, 'HANDLER_TIMEOUT'));
    assert.ok(seen?.aborted && isRuntimeError(seen.reason, 'HANDLER_TIMEOUT'));
  });

  test('shutdown passing its bound fails the run with SHUTDOWN_ABORTED', async () => {
    const shutdown = new AbortController();

    const running = runWithTimeout(waitForAbort, {
      timeoutMs: 60_000,
      shutdownSignal: shutdown.signal,
    });
    shutdown.abort();
    const outcome = await running;

    assert.ok(!outcome.ok && isRuntimeError(outcome.error, 'SHUTDOWN_ABORTED'));
  });
});
