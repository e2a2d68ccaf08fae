import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCliError } from '../errors/cli-error.ts';
import { formatRecordId, parseRecordId } from './record-id.ts';

const one = ['webhooks.stripe.v1.ledger.dlq'];
const two = ['webhooks.stripe.v1.audit.dlq', 'webhooks.github.v1.audit.dlq'];

describe('parseRecordId', () => {
  const valid: readonly [string, string, readonly string[], string, number, string][] = [
    ['the short form with one DLQ', '2:17', one, one[0] ?? '', 2, '17'],
    ['the long form', 'webhooks.github.v1.audit.dlq:0:5', two, two[1] ?? '', 0, '5'],
    ['leading zeros of the offset dropped', '1:007', one, one[0] ?? '', 1, '7'],
  ];
  for (const [name, text, topics, dlqTopic, partition, offset] of valid) {
    it(`reads ${name}`, () => {
      assert.deepEqual(parseRecordId(text, topics), { dlqTopic, partition, offset });
    });
  }

  const invalid: readonly [string, string, readonly string[], RegExp][] = [
    ['not numbers', 'a:b', one, /is not <partition>:<offset>/],
    ['a single number', '17', one, /is not <partition>:<offset>/],
    ['the short form when two DLQs are possible', '0:1', two, /needs its DLQ topic/],
    ['a topic that is not a DLQ of the service', 'other.dlq:0:1', one, /is not a DLQ/],
  ];
  for (const [name, text, topics, message] of invalid) {
    it(`refuses ${name} with record_id_invalid (exit 2)`, () => {
      assert.throws(
        () => parseRecordId(text, topics),
        (error: unknown) =>
          isCliError(error, 'record_id_invalid') &&
          error.exitCode === 2 &&
          message.test(error.message),
      );
    });
  }
});

describe('formatRecordId', () => {
  it('is short with one DLQ and long with several, and reads back to the same ref', () => {
    const ref = { dlqTopic: two[0] ?? '', partition: 3, offset: '42' };

    assert.equal(formatRecordId({ ...ref, dlqTopic: one[0] ?? '' }, one), '3:42');
    assert.equal(formatRecordId(ref, two), 'webhooks.stripe.v1.audit.dlq:3:42');
    assert.deepEqual(parseRecordId(formatRecordId(ref, two), two), ref);
  });
});
