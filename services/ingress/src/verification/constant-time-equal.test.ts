import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantTimeEqual } from './constant-time-equal.ts';

describe('constant-time comparison', () => {
  const cases = [
    { label: 'equal bytes', a: [1, 2, 3], b: [1, 2, 3], expected: true },
    { label: 'a different last byte', a: [1, 2, 3], b: [1, 2, 4], expected: false },
    { label: 'a shorter second value', a: [1, 2, 3], b: [1, 2], expected: false },
    { label: 'a longer second value', a: [1, 2], b: [1, 2, 3], expected: false },
    { label: 'two empty values', a: [], b: [], expected: true },
  ];
  for (const { label, a, b, expected } of cases) {
    it(`with ${label}, answers ${expected} without throwing`, () => {
      assert.equal(constantTimeEqual(Buffer.from(a), Buffer.from(b)), expected);
    });
  }
});
