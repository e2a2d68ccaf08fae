import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LedgerConfigError, ledgerConfigFromEnv } from './ledger-config.ts';

describe('ledgerConfigFromEnv', () => {
  test('an empty environment gives the local defaults and the SQLite file under the root', () => {
    const config = ledgerConfigFromEnv({}, '/repo');

    assert.deepEqual(config.brokers, ['127.0.0.1:9092']);
    assert.deepEqual(config.database, {
      kind: 'sqlite',
      path: '/repo/.local/ledger/ledger.sqlite',
    });
    assert.equal(config.metricsPort, 9471);
    assert.equal(config.prefix, '');
    assert.ok(Object.isFrozen(config));
  });

  test('LEDGER_DATABASE_URL selects PostgreSQL over the SQLite path', () => {
    const config = ledgerConfigFromEnv(
      { LEDGER_DATABASE_URL: 'postgres://u:p@db/ledger', LEDGER_DATABASE: 'x.sqlite' },
      '/repo',
    );

    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u:p@db/ledger' });
  });

  test('a relative LEDGER_DATABASE is resolved against the root; blank variables are unset', () => {
    const config = ledgerConfigFromEnv({ LEDGER_DATABASE: 'data/l.db', METRICS_PORT: ' ' }, '/r');

    assert.deepEqual(config.database, { kind: 'sqlite', path: '/r/data/l.db' });
    assert.equal(config.metricsPort, 9471);
  });

  test('every bad variable is named in one error', () => {
    assert.throws(
      () =>
        ledgerConfigFromEnv(
          { METRICS_PORT: 'abc', LEDGER_DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' },
          '/r',
        ),
      (error: unknown) =>
        error instanceof LedgerConfigError &&
        error.code === 'INVALID_CONFIG' &&
        /METRICS_PORT/.test(error.message) &&
        /LEDGER_DATABASE_URL/.test(error.message) &&
        /LOG_LEVEL/.test(error.message),
    );
  });
});
