// The notifier's entry file as a process: a bad environment is one readable line and exit 2,
// before any connection is tried.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

function runMain(env: Record<string, string>) {
  const { NOTIFIER_WEBHOOK_URL: _, ...inherited } = process.env;
  return spawnSync(process.execPath, [main], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('the notifier entry file', () => {
  test('without NOTIFIER_WEBHOOK_URL it exits 2 with one line naming the variable', () => {
    const result = runMain({});

    assert.equal(result.status, 2);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0] ?? '', /^notifier: invalid notifier configuration: NOTIFIER_WEBHOOK_URL/);
  });

  test('a bad METRICS_PORT is named too', () => {
    const result = runMain({ NOTIFIER_WEBHOOK_URL: 'http://127.0.0.1:9/x', METRICS_PORT: 'abc' });

    assert.equal(result.status, 2);
    assert.match(result.stderr, /METRICS_PORT/);
  });
});
