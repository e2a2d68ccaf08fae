import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonPointer, resolveJsonPointer } from './json-pointer.ts';

// The example document of RFC 6901 section 5.
const rfcDocument = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

describe('json pointer', () => {
  const rfcCases: Array<{ pointer: string; expected: unknown }> = [
    { pointer: '', expected: rfcDocument },
    { pointer: '/foo', expected: ['bar', 'baz'] },
    { pointer: '/foo/0', expected: 'bar' },
    { pointer: '/', expected: 0 },
    { pointer: '/a~1b', expected: 1 },
    { pointer: '/c%d', expected: 2 },
    { pointer: '/e^f', expected: 3 },
    { pointer: '/g|h', expected: 4 },
    { pointer: '/i\\j', expected: 5 },
    { pointer: '/k"l', expected: 6 },
    { pointer: '/ ', expected: 7 },
    { pointer: '/m~0n', expected: 8 },
  ];
  for (const { pointer, expected } of rfcCases) {
    it(`resolves the RFC 6901 example ${JSON.stringify(pointer)}`, () => {
      const parsed = parseJsonPointer(pointer);

      assert.ok(parsed);
      assert.deepEqual(resolveJsonPointer(rfcDocument, parsed), expected);
    });
  }

  const missingCases = [
    { pointer: '/nope', document: rfcDocument },
    { pointer: '/foo/2', document: rfcDocument },
    { pointer: '/foo/01', document: rfcDocument },
    { pointer: '/foo/-', document: rfcDocument },
    { pointer: '/foo/0/x', document: rfcDocument },
    { pointer: '/constructor', document: {} },
    { pointer: '/a', document: 'text' },
  ];
  for (const { pointer, document } of missingCases) {
    it(`when nothing is at ${pointer}, resolves to undefined`, () => {
      const parsed = parseJsonPointer(pointer);

      assert.ok(parsed);
      assert.equal(resolveJsonPointer(document, parsed), undefined);
    });
  }

  for (const invalid of ['foo', 'foo/bar', '/a~2b', '/a~']) {
    it(`refuses the invalid pointer ${JSON.stringify(invalid)}`, () => {
      assert.equal(parseJsonPointer(invalid), undefined);
    });
  }

  it('unescapes ~01 to ~1, not to /', () => {
    assert.deepEqual(parseJsonPointer('/~01'), ['~1']);
  });
});
