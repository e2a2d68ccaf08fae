import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContractError } from '@tributary/contract';
import { CliError } from '../errors/cli-error.ts';
import { describeFailure } from './run-action.ts';

describe('describeFailure', () => {
  const cases: readonly [string, unknown, string, number][] = [
    ['a usage CliError exits 2', new CliError('usage', 'bad flag'), 'error: bad flag', 2],
    [
      'a failure CliError exits 1',
      new CliError('secret_missing', 'no secret'),
      'error: no secret',
      1,
    ],
    [
      'a ContractError exits 1 with its message',
      new ContractError('BROKER_UNREACHABLE', 'no broker at x:1'),
      'error: no broker at x:1',
      1,
    ],
  ];
  for (const [name, error, text, exitCode] of cases) {
    it(name, () => {
      assert.deepEqual(describeFailure(error), { text, exitCode });
    });
  }

  it('anything else is a bug: exit 1, and the stack is kept for the report', () => {
    const report = describeFailure(new TypeError('x is undefined'));

    assert.equal(report.exitCode, 1);
    assert.match(report.text, /^error: unexpected failure: TypeError: x is undefined\n\s+at /);
  });
});
