import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDurationMs } from './parse-duration.ts';

const cases = [
  { text: '250ms', ms: 250 },
  { text: '5s', ms: 5_000 },
  { text: '10m', ms: 600_000 },
  { text: '1h', ms: 3_600_000 },
  { text: '7d', ms: 604_800_000 },
  { text: '5', ms: undefined },
  { text: '1.5s', ms: undefined },
  { text: '5 s', ms: undefined },
  { text: '-5s', ms: undefined },
  { text: '3w', ms: undefined },
];
for (const { text, ms } of cases) {
  test(`"${text}" is ${ms === undefined ? 'not a duration' : `${ms} ms`}`, () => {
    assert.equal(parseDurationMs(text), ms);
  });
}
