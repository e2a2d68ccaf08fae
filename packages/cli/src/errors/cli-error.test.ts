import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CliError, cliErrorCodes, isCliError } from './cli-error.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('CliError', () => {
  for (const [code, { exitCode }] of Object.entries(cliErrorCodes)) {
    it(`${code} is documented in the README with its exit code`, () => {
      assert.match(readme, new RegExp(`^\\| \`${code}\` +\\| ${exitCode} +\\|`, 'm'));
    });
  }

  it('takes exit code and retriability from its code, and serialises for logs', () => {
    const error = new CliError('ingress_unreachable', 'cannot reach x');

    assert.equal(error.exitCode, 1);
    assert.equal(error.retriable, true);
    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      name: 'CliError',
      code: 'ingress_unreachable',
      message: 'cannot reach x',
      retriable: true,
    });
    assert.equal(isCliError(error, 'usage'), false);
    assert.equal(isCliError(error, 'ingress_unreachable'), true);
  });
});
