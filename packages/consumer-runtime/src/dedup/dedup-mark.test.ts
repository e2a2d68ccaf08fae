import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type DedupMark,
  decodeMarkValue,
  encodeMarkValue,
  packMark,
  unpackMark,
} from './dedup-mark.ts';

const mark = (overrides: Partial<DedupMark> = {}): DedupMark => ({
  state: 'retrying',
  atMs: 1_767_225_600_000,
  attempts: 2,
  redrives: 1,
  ...overrides,
});

describe('dedup mark values', () => {
  test('a mark survives its record value', () => {
    assert.deepEqual(decodeMarkValue(encodeMarkValue(mark())), mark());
  });

  const unreadable = [
    { name: 'a tombstone', value: null },
    { name: 'an empty value', value: Buffer.alloc(0) },
    { name: 'text that is not JSON', value: Buffer.from('done') },
    { name: 'an unknown state', value: Buffer.from('{"state":"lost","atMs":1}') },
    { name: 'a missing time', value: Buffer.from('{"state":"done"}') },
  ];
  for (const { name, value } of unreadable) {
    test(`${name} is not a mark`, () => {
      assert.equal(decodeMarkValue(value), undefined);
    });
  }

  test('a mark written without counts reads them as 0', () => {
    assert.deepEqual(decodeMarkValue(Buffer.from('{"state":"done","atMs":5}')), {
      state: 'done',
      atMs: 5,
      attempts: 0,
      redrives: 0,
    });
  });
});

describe('packed marks', () => {
  const cases: DedupMark[] = [
    mark({ state: 'retrying' }),
    mark({ state: 'done', attempts: 0, redrives: 0 }),
    mark({ state: 'dead', attempts: 63, redrives: 63 }),
  ];
  for (const each of cases) {
    test(`${each.state} with ${each.attempts} attempts and ${each.redrives} redrives round-trips`, () => {
      assert.deepEqual(unpackMark(packMark(each)), each);
    });
  }

  test('milliseconds are dropped and counts above 63 are capped', () => {
    const unpacked = unpackMark(packMark(mark({ atMs: 1_767_225_600_999, attempts: 90 })));

    assert.equal(unpacked.atMs, 1_767_225_600_000);
    assert.equal(unpacked.attempts, 63);
  });
});
