import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeadLetter } from '@tributary/consumer-runtime';
import { deadLetterJson, deadLetterTable, redriveLine } from './format-dead-letters.ts';

const dlq = 'webhooks.stripe.v1.ledger.dlq';
const letter: DeadLetter = {
  dlqTopic: dlq,
  partition: 2,
  offset: '7',
  timestampMs: Date.parse('2026-12-03T10:00:00.123Z'),
  key: Buffer.from('pi_1'),
  value: Buffer.from([0, 0, 0, 0, 3, 1, 2]),
  headers: { 'tributary-error-class': 'PermanentError' },
  eventId: 'evt_1',
  eventType: 'payment_intent.succeeded',
  sourceTopic: 'webhooks.stripe.v1',
  attempts: 1,
  errorClass: 'PermanentError',
  errorMessage: 'customer missing',
  redriveCount: 0,
  schemaId: 3,
};

describe('dead letter output', () => {
  it('the JSON form names every field, null when absent, headers only when asked', () => {
    const json = deadLetterJson({ ...letter, eventId: undefined, schemaId: undefined }, [dlq]);

    assert.equal(json.id, '2:7');
    assert.equal(json.eventId, null);
    assert.equal(json.schemaId, null);
    assert.equal(json.valueBytes, 7);
    assert.equal(json.deadLetteredAt, '2026-12-03T10:00:00.123Z');
    assert.equal('headers' in json, false);
    assert.deepEqual(deadLetterJson(letter, [dlq], true).headers, letter.headers);
  });

  it('the table has a header and one aligned line per letter', () => {
    const lines = deadLetterTable([
      deadLetterJson(letter, [dlq]),
      deadLetterJson({ ...letter, offset: '12345', eventType: undefined }, [dlq]),
    ]);

    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^ID {7}DEAD-LETTERED {9}SOURCE TOPIC/);
    assert.match(lines[1] ?? '', /^2:7 {6}2026-12-03T10:00:00Z {2}webhooks\.stripe\.v1 /);
    assert.match(lines[2] ?? '', /^2:12345 .* - +PermanentError +1 +0 +3 +evt_1$/);
    assert.equal(lines[1]?.indexOf('PermanentError'), lines[2]?.indexOf('PermanentError'));
  });

  it('a replay progress line says where it is, what happened and to which record', () => {
    const result = { ref: letter, eventId: 'evt_1', outcome: 'sent' as const };

    assert.equal(redriveLine(result, 3, 10, [dlq]), '3/10 sent 2:7 event=evt_1');
  });
});
