import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maxRetryAfterSeconds, parseRetryAfterSeconds } from './parse-retry-after.ts';

const nowMs = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfterSeconds', () => {
  const cases: Array<[string, string | null, number | undefined]> = [
    ['delay-seconds', '7', 7],
    ['delay-seconds with spaces', ' 30 ', 30],
    ['an HTTP date 90 s ahead', 'Sat, 01 Mar 2025 12:01:30 GMT', 90],
    ['an HTTP date in the past', 'Sat, 01 Mar 2025 11:00:00 GMT', 0],
    ['a wait past the cap', '999999', maxRetryAfterSeconds],
    ['no header', null, undefined],
    ['an empty header', '', undefined],
    ['a negative number', '-5', undefined],
    ['garbage', 'soon', undefined],
  ];
  for (const [name, value, expected] of cases) {
    test(`${name}: ${String(expected)}`, () => {
      assert.equal(parseRetryAfterSeconds(value, nowMs), expected);
    });
  }
});
