import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lastLogError } from './last-log-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'tributary-log-'));
const logOf = (name: string, lines: readonly string[]) => {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

describe('lastLogError', () => {
  test('gives the last fatal line, with its error message', () => {
    const file = logOf('fatal.log', [
      JSON.stringify({ level: 30, msg: 'starting' }),
      JSON.stringify({ level: 50, msg: 'first failure', err: { message: 'old' } }),
      'a line Node printed that is not JSON',
      JSON.stringify({
        level: 60,
        msg: 'ledger failed to start',
        err: { message: 'cannot serve metrics on port 9471' },
      }),
    ]);

    assert.equal(lastLogError(file), 'ledger failed to start: cannot serve metrics on port 9471');
  });

  test('an error line without err gives its message alone', () => {
    assert.equal(
      lastLogError(logOf('plain.log', [JSON.stringify({ level: 50, msg: 'boom' })])),
      'boom',
    );
  });

  test('a log with only info and warn lines gives undefined', () => {
    const file = logOf('calm.log', [
      JSON.stringify({ level: 30, msg: 'ok' }),
      JSON.stringify({ level: 40, msg: 'rebalancing' }),
    ]);

    assert.equal(lastLogError(file), undefined);
  });

  test('a missing file gives undefined', () => {
    assert.equal(lastLogError(join(dir, 'absent.log')), undefined);
  });
});
