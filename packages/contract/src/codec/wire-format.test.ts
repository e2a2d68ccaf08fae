import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameRecord, unframeRecord } from './wire-format.ts';

test('a framed record carries magic byte 0 and the big-endian schema id, and splits back', () => {
  const record = frameRecord(258, Buffer.from([7, 8]));

  assert.deepEqual([...record], [0, 0, 0, 1, 2, 7, 8]);
  assert.deepEqual(unframeRecord(record), { schemaId: 258, payload: Buffer.from([7, 8]) });
});
