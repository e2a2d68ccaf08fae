// The ledger's entry file as a process: a bad environment is one readable line and exit 2,
// before any connection is tried or any file created.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

describe('the ledger entry file', () => {
  test('a LEDGER_DATABASE_URL that is not PostgreSQL exits 2 with one line naming it', () => {
    const result = spawnSync(process.execPath, [main], {
      env: { ...process.env, LEDGER_DATABASE_URL: 'mysql://db/ledger' },
      encoding: 'utf8',
      timeout: 20_000,
    });

    assert.equal(result.status, 2);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0] ?? '', /^ledger: invalid ledger configuration: LEDGER_DATABASE_URL/);
  });
});
