import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBase64Strict, decodeHexStrict } from './strict-decoding.ts';

describe('strict hex decoding', () => {
  const cases = [
    { text: '00ff', expected: '00ff' },
    { text: '00FF', expected: '00ff' },
    { text: 'abc', expected: undefined },
    { text: '', expected: undefined },
    { text: '0g', expected: undefined },
    { text: ' 00', expected: undefined },
    // Node's lenient decoder would stop at "zz" and return one byte.
    { text: '00zz', expected: undefined },
  ];
  for (const { text, expected } of cases) {
    it(`decodes ${JSON.stringify(text)} to ${expected ?? 'nothing'}`, () => {
      assert.equal(decodeHexStrict(text)?.toString('hex'), expected);
    });
  }
});

describe('strict base64 decoding', () => {
  const cases = [
    { text: 'AAE=', expected: '0001' },
    { text: 'AAEC', expected: '000102' },
    { text: '+/8=', expected: 'fbff' },
    { text: 'AAE', expected: undefined },
    { text: '', expected: undefined },
    { text: '-_8=', expected: undefined },
    { text: 'AA E', expected: undefined },
    { text: 'A===', expected: undefined },
    { text: 'AAF=', expected: undefined },
    { text: '=AAA', expected: undefined },
  ];
  for (const { text, expected } of cases) {
    it(`decodes ${JSON.stringify(text)} to ${expected ?? 'nothing'}`, () => {
      assert.equal(decodeBase64Strict(text)?.toString('hex'), expected);
    });
  }
});
