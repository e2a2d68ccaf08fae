import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PermanentError, RetryAfterError } from './handler-errors.ts';
import { isRuntimeError, RuntimeError, runtimeErrorCodes } from './runtime-error.ts';

describe('runtime errors', () => {
  for (const [code, entry] of Object.entries(runtimeErrorCodes)) {
    test(`${code} is documented and takes its default retriability`, () => {
      const error = new RuntimeError(code as keyof typeof runtimeErrorCodes, 'x');

      assert.ok(entry.summary.length > 20);
      assert.equal(error.retriable, entry.retriable);
    });
  }

  test('serialises into log JSON with its code and a reduced cause', () => {
    const cause = Object.assign(new Error('socket closed'), { code: 'ECONNRESET' });
    const error = new RuntimeError('TRANSACTION_FAILED', 'commit failed', { cause });

    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      name: 'RuntimeError',
      code: 'TRANSACTION_FAILED',
      message: 'commit failed',
      retriable: true,
      cause: { name: 'Error', message: 'socket closed', code: 'ECONNRESET' },
    });
  });

  test('PermanentError is a non-retriable HANDLER_PERMANENT runtime error', () => {
    const error = new PermanentError('bad amount');

    assert.ok(isRuntimeError(error, 'HANDLER_PERMANENT'));
    assert.equal(error.retriable, false);
    assert.equal(error.name, 'PermanentError');
  });

  const retryAfterCases = [
    { given: 2.5, kept: 2.5 },
    { given: -1, kept: 0 },
    { given: Number.NaN, kept: 0 },
  ];
  for (const { given, kept } of retryAfterCases) {
    test(`RetryAfterError(${given}) asks for ${kept} s`, () => {
      const error = new RetryAfterError(given);

      assert.ok(isRuntimeError(error, 'HANDLER_RETRY_AFTER'));
      assert.equal(error.retryAfterSeconds, kept);
    });
  }
});
