import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { headerInteger, headerText, textHeaders } from './record-headers.ts';

describe('record headers', () => {
  const textCases = [
    { name: 'a Buffer value', headers: { h: Buffer.from('abc') }, expected: 'abc' },
    { name: 'a string value', headers: { h: 'abc' }, expected: 'abc' },
    {
      name: 'a repeated header, the last one',
      headers: { h: ['1', Buffer.from('2')] },
      expected: '2',
    },
    { name: 'an absent header', headers: {}, expected: undefined },
  ];
  for (const { name, headers, expected } of textCases) {
    test(`headerText reads ${name}`, () => {
      assert.equal(headerText(headers, 'h'), expected);
    });
  }

  const integerCases = [
    { value: '42', expected: 42 },
    { value: '-1', expected: undefined },
    { value: '4.2', expected: undefined },
    { value: 'x', expected: undefined },
    { value: '99999999999999999', expected: undefined },
  ];
  for (const { value, expected } of integerCases) {
    test(`headerInteger reads "${value}" as ${expected}`, () => {
      assert.equal(headerInteger({ h: value }, 'h'), expected);
    });
  }

  test('textHeaders gives one text value per name', () => {
    assert.deepEqual(textHeaders({ a: Buffer.from('1'), b: ['x', 'y'], c: undefined }), {
      a: '1',
      b: 'y',
    });
  });
});
