import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCliError } from '../errors/cli-error.ts';
import { validateConsumerName } from './consumer-name.ts';

describe('validateConsumerName', () => {
  for (const name of ['demo', 'order-audit', 'ledger2', 'a-1-b']) {
    it(`accepts ${name}`, () => {
      assert.equal(validateConsumerName(name), name);
    });
  }

  const refused: readonly [string, RegExp][] = [
    ['Demo', /not kebab-case/],
    ['order_audit', /not kebab-case/],
    ['-demo', /not kebab-case/],
    ['demo-', /not kebab-case/],
    ['order--audit', /not kebab-case/],
    ['2fast', /not kebab-case/],
    ['', /not kebab-case/],
    ['../etc', /not kebab-case/],
    [`a${'-b'.repeat(20)}`, /longer than 40/],
    ['ingress', /reserved/],
    ['cli', /reserved/],
  ];
  for (const [name, message] of refused) {
    it(`refuses ${JSON.stringify(name)} with consumer_name_invalid (exit 2)`, () => {
      assert.throws(
        () => validateConsumerName(name),
        (error: unknown) =>
          isCliError(error, 'consumer_name_invalid') &&
          error.exitCode === 2 &&
          message.test(error.message),
      );
    });
  }
});
