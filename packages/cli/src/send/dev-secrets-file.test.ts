import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isCliError } from '../errors/cli-error.ts';
import { parseDevSecrets, readDevSecretsFile } from './dev-secrets-file.ts';

describe('parseDevSecrets', () => {
  const cases: readonly [string, string, Record<string, string>][] = [
    ['reads KEY=VALUE lines', 'A=1\nB=two', { A: '1', B: 'two' }],
    ['skips blank lines and # comments', '\n# a comment\n  \nA=1\n', { A: '1' }],
    ['allows an export prefix', 'export A=1', { A: '1' }],
    [
      'removes one pair of matching quotes',
      `A="x y"\nB='z'\nC="unbalanced'`,
      { A: 'x y', B: 'z', C: `"unbalanced'` },
    ],
    ['keeps = signs inside the value', 'A=b64==', { A: 'b64==' }],
    ['ignores lines without a key', '=value\nnoequals', {}],
    ['lets a later key win', 'A=1\nA=2', { A: '2' }],
    ['reads CRLF files', 'A=1\r\nB=2\r\n', { A: '1', B: '2' }],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      assert.deepEqual(Object.fromEntries(parseDevSecrets(text)), expected);
    });
  }
});

describe('readDevSecretsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-cli-dev-secrets-'));

  it('when the file does not exist, is empty', () => {
    assert.equal(readDevSecretsFile(join(dir, 'absent.env')).size, 0);
  });

  it('when the path cannot be read as a file, throws secrets_file_unreadable', () => {
    assert.throws(
      () => readDevSecretsFile(dir),
      (error: unknown) =>
        isCliError(error, 'secrets_file_unreadable') && error.message.includes(dir),
    );
  });
});
