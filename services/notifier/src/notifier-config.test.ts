import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NotifierConfigError, notifierConfigFromEnv } from './notifier-config.ts';

const url = 'https://hooks.example.com/services/T/B/x';

describe('notifierConfigFromEnv', () => {
  test('only the webhook URL set: the local defaults', () => {
    const config = notifierConfigFromEnv({ NOTIFIER_WEBHOOK_URL: url });

    assert.equal(config.webhookUrl, url);
    assert.equal(config.metricsPort, 9472);
    assert.equal(config.requestTimeoutMs, 5_000);
    assert.equal(config.breakerResetMs, 30_000);
    assert.deepEqual(config.brokers, ['127.0.0.1:9092']);
    assert.ok(Object.isFrozen(config));
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a missing webhook URL', {}, /NOTIFIER_WEBHOOK_URL: required/],
    ['a blank webhook URL', { NOTIFIER_WEBHOOK_URL: ' ' }, /NOTIFIER_WEBHOOK_URL/],
    ['a non-http URL', { NOTIFIER_WEBHOOK_URL: 'ftp://x/y' }, /NOTIFIER_WEBHOOK_URL/],
    ['a bad port', { NOTIFIER_WEBHOOK_URL: url, METRICS_PORT: '70000' }, /METRICS_PORT/],
    [
      'a bad reset time',
      { NOTIFIER_WEBHOOK_URL: url, NOTIFIER_BREAKER_RESET_MS: 'x' },
      /NOTIFIER_BREAKER_RESET_MS/,
    ],
  ];
  for (const [name, env, message] of bad) {
    test(`${name} is an INVALID_CONFIG error naming the variable`, () => {
      assert.throws(
        () => notifierConfigFromEnv(env),
        (error: unknown) =>
          error instanceof NotifierConfigError &&
          error.code === 'INVALID_CONFIG' &&
          message.test(error.message),
      );
    });
  }
});
