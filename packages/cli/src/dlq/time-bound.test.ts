import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { parseTimeBound, resolveTimeBound } from './time-bound.ts';

const nowMs = Date.parse('2026-12-03T12:00:00Z');

describe('time bounds', () => {
  const cases: readonly [string, string][] = [
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T10:30:00Z', '2026-12-01T10:30:00.000Z'],
    ['90s', '2026-12-03T11:58:30.000Z'],
    ['30m', '2026-12-03T11:30:00.000Z'],
    ['2h', '2026-12-03T10:00:00.000Z'],
    ['7d', '2026-11-26T12:00:00.000Z'],
  ];
  for (const [text, expected] of cases) {
    it(`${text} resolves to ${expected}`, () => {
      assert.equal(new Date(resolveTimeBound(parseTimeBound(text), nowMs)).toISOString(), expected);
    });
  }

  for (const text of ['yesterday', 'March 7', '5 minutes', '2w', '2026-13-45']) {
    it(`refuses ${JSON.stringify(text)} as a usage error`, () => {
      assert.throws(() => parseTimeBound(text), InvalidArgumentError);
    });
  }
});
