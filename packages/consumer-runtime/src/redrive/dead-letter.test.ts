import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kafkaHeaderNames as names } from '@tributary/contract';
import type { KafkaMessage } from 'kafkajs';
import {
  type DeadLetter,
  type DeadLetterFilter,
  matchesFilter,
  toDeadLetter,
} from './dead-letter.ts';

const framed = (schemaId: number) => {
  const value = Buffer.alloc(8);
  value.writeInt32BE(schemaId, 1);
  return value;
};

const message = (overrides: Partial<KafkaMessage> = {}): KafkaMessage =>
  ({
    key: Buffer.from('orders:1'),
    value: framed(7),
    timestamp: '5000',
    attributes: 0,
    offset: '12',
    headers: {
      [names.eventId]: Buffer.from('orders:1'),
      [names.eventType]: Buffer.from('order.paid'),
      [names.originalTopic]: Buffer.from('webhooks.orders.v1'),
      [names.attemptCount]: Buffer.from('4'),
      [names.errorClass]: Buffer.from('TypeError'),
      [names.errorMessage]: Buffer.from('boom'),
      [names.redriveCount]: Buffer.from('1'),
    },
    ...overrides,
  }) as KafkaMessage;

describe('toDeadLetter', () => {
  test('reads the Tributary headers and the writer schema id', () => {
    const letter = toDeadLetter('dlq', 2, message());

    assert.deepEqual(
      { ...letter, headers: undefined, key: undefined, value: undefined },
      {
        dlqTopic: 'dlq',
        partition: 2,
        offset: '12',
        timestampMs: 5000,
        headers: undefined,
        key: undefined,
        value: undefined,
        eventId: 'orders:1',
        eventType: 'order.paid',
        sourceTopic: 'webhooks.orders.v1',
        attempts: 4,
        errorClass: 'TypeError',
        errorMessage: 'boom',
        redriveCount: 1,
        schemaId: 7,
      },
    );
  });

  test('a value that is not Confluent-framed has no schema id; a missing count reads 0', () => {
    const letter = toDeadLetter('dlq', 0, message({ value: Buffer.from('junk'), headers: {} }));

    assert.equal(letter.schemaId, undefined);
    assert.equal(letter.redriveCount, 0);
  });
});

describe('matchesFilter', () => {
  const letter: DeadLetter = toDeadLetter('dlq', 0, message());
  const cases: Array<{ filter: DeadLetterFilter; expected: boolean }> = [
    { filter: {}, expected: true },
    { filter: { sourceTopic: 'webhooks.orders.v1' }, expected: true },
    { filter: { sourceTopic: 'webhooks.other.v1' }, expected: false },
    { filter: { errorClass: 'TypeError' }, expected: true },
    { filter: { errorClass: 'PermanentError' }, expected: false },
    { filter: { schemaId: 7 }, expected: true },
    { filter: { schemaId: 8 }, expected: false },
    { filter: { fromMs: 5000 }, expected: true },
    { filter: { fromMs: 5001 }, expected: false },
    { filter: { toMs: 5001 }, expected: true },
    { filter: { toMs: 5000 }, expected: false },
    { filter: { errorClass: 'TypeError', schemaId: 8 }, expected: false },
  ];
  for (const { filter, expected } of cases) {
    test(`${JSON.stringify(filter)} ${expected ? 'matches' : 'does not match'}`, () => {
      assert.equal(matchesFilter(letter, filter), expected);
    });
  }
});
