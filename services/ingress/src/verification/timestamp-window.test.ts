import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTimestampWindow } from './timestamp-window.ts';

const nowMs = 1_700_000_000_000;

describe('timestamp window', () => {
  const cases = [
    { value: '1700000000', expected: 'accepted' },
    { value: '1699999700', expected: 'accepted' },
    { value: '1700000300', expected: 'accepted' },
    { value: '1699999699', expected: 'stale_timestamp' },
    { value: '1700000301', expected: 'future_timestamp' },
    { value: '0', expected: 'stale_timestamp' },
    { value: '999999999999', expected: 'future_timestamp' },
    { value: '1700000000000', expected: 'malformed_header' },
    { value: '', expected: 'malformed_header' },
    { value: '-1', expected: 'malformed_header' },
    { value: '+1700000000', expected: 'malformed_header' },
    { value: '1700000000.5', expected: 'malformed_header' },
    { value: '0x6553f100', expected: 'malformed_header' },
    { value: '１７００００００００', expected: 'malformed_header' },
  ];
  for (const { value, expected } of cases) {
    it(`with a 300 s tolerance, answers ${expected} for ${JSON.stringify(value)}`, () => {
      const result = checkTimestampWindow(value, 'x-ts', nowMs, 300);

      assert.equal(result.ok ? 'accepted' : result.reason, expected);
    });
  }

  it('returns the timestamp in milliseconds', () => {
    assert.deepEqual(checkTimestampWindow('1700000001', 'x-ts', nowMs, 300), {
      ok: true,
      timestampMs: 1_700_000_001_000,
    });
  });

  it('floors the clock to whole seconds, as the providers do', () => {
    const result = checkTimestampWindow('1699999700', 'x-ts', nowMs + 999, 300);

    assert.equal(result.ok, true);
  });

  for (const clock of [Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`when the clock reads ${clock}, refuses with invalid_clock`, () => {
      assert.deepEqual(checkTimestampWindow('1700000000', 'x-ts', clock, 300), {
        ok: false,
        reason: 'invalid_clock',
      });
    });
  }
});
