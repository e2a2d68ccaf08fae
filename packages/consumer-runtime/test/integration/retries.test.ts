// Retry tiers and the DLQ against the live broker: one service instance, one event per
// behaviour, each recognised by its event id.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { kafkaHeaderNames } from '@tributary/contract';
import type { KafkaMessage } from 'kafkajs';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { PermanentError, RetryAfterError } from '../../src/errors/handler-errors.ts';
import { headerText } from '../../src/headers/record-headers.ts';
import type { HandlerContext } from '../../src/service/service-definition.ts';
import { type ServiceHandle, startService } from '../../src/service/start-service.ts';
import { fastHandlerTimeoutMs, fastTimings } from '../support/fast-timings.ts';
import {
  createTestTopics,
  envelope,
  stackStartOptions,
  type TestTopics,
  testLogger,
} from '../support/runtime-stack.ts';

// The W3C propagator without an SDK: the runtime's spans do not record and carry the
// record's own context, so forwards carry the producer's trace id, exactly once.
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
const traceId = '0af7651916cd43dd8448eb211c80319c';
const producerTraceparent = `00-${traceId}-b7ad6b7169203331-01`;

const failTwice = envelope('order.paid');
const permanent = envelope('order.paid');
const alwaysFailing = envelope('order.paid');
const retryAfter = envelope('order.paid');
const otherType = envelope('order.refunded');
const undecodableId = 'orders:undecodable';

/** When each event's attempts ran, by event id. */
const attempts = new Map<string, Array<{ attempt: number; atMs: number }>>();
const behaviours = new Map<string, (context: HandlerContext) => void>([
  [
    failTwice.eventId,
    ({ attempt }) => {
      if (attempt < 3) throw new Error(`attempt ${attempt} fails`);
    },
  ],
  [
    permanent.eventId,
    () => {
      throw new PermanentError('the amount is negative');
    },
  ],
  [
    alwaysFailing.eventId,
    () => {
      throw new TypeError('downstream keeps failing');
    },
  ],
  [
    retryAfter.eventId,
    ({ attempt }) => {
      if (attempt === 1) throw new RetryAfterError(2.5, 'downstream answered 429');
    },
  ],
]);

let topics: TestTopics;
let service: ServiceHandle;
let dlq: KafkaMessage[];

const attemptsOf = (eventId: string) => attempts.get(eventId) ?? [];
const dlqRecordOf = (eventId: string) =>
  dlq.find((record) => headerText(record.headers, kafkaHeaderNames.eventId) === eventId);

before(async () => {
  topics = await createTestTopics('rt-retries');
  service = await startService(
    {
      name: 'billing',
      eventTypes: ['order.paid'],
      handlerTimeoutMs: fastHandlerTimeoutMs,
      handler: async (event, context) => {
        attempts.set(event.eventId, [
          ...attemptsOf(event.eventId),
          { attempt: context.attempt, atMs: Date.now() },
        ]);
        behaviours.get(event.eventId)?.(context);
      },
    },
    { ...stackStartOptions(topics), ...fastTimings, logger: testLogger('rt-retries') },
  );
  await topics.produce([
    failTwice,
    permanent,
    { ...alwaysFailing, kafkaHeaders: { traceparent: producerTraceparent } },
    retryAfter,
    otherType,
  ]);
  await topics.produceRaw(
    Buffer.from('not an avro record'),
    { [kafkaHeaderNames.eventId]: undecodableId, [kafkaHeaderNames.eventType]: 'order.paid' },
    undecodableId,
  );
  // Everything settles: two handled in the end, three dead-lettered.
  await waitFor(
    () => {
      const counters = service.counters();
      return counters.handled >= 2 && counters.deadLettered >= 3;
    },
    { timeoutMs: 40_000, what: 'two events handled and three dead-lettered' },
  );
  dlq = await topics.read(topics.topology.routes[0]?.dlqTopic ?? '');
});

after(async () => {
  await service?.stop();
  await topics?.close();
});

describe('retry tiers and the DLQ', () => {
  test('fails twice, then succeeds: handled on the third try, no earlier than the tiers allow', () => {
    const seen = attemptsOf(failTwice.eventId);
    const [tier1, tier2] = topics.topology.routes[0]?.tiers ?? [];

    assert.deepEqual(
      seen.map((s) => s.attempt),
      [1, 2, 3],
    );
    const gaps = seen.slice(1).map((s, i) => s.atMs - (seen[i]?.atMs ?? 0));
    assert.ok((gaps[0] ?? 0) >= (tier1?.delayMs ?? Infinity), `tier 1 gap ${gaps[0]} ms`);
    assert.ok((gaps[1] ?? 0) >= (tier2?.delayMs ?? Infinity), `tier 2 gap ${gaps[1]} ms`);
    assert.equal(dlqRecordOf(failTwice.eventId), undefined);
  });

  test('a permanent error: in the DLQ after one attempt', () => {
    const record = dlqRecordOf(permanent.eventId);

    assert.equal(attemptsOf(permanent.eventId).length, 1);
    assert.ok(record, 'dead-lettered');
    assert.equal(headerText(record.headers, kafkaHeaderNames.attemptCount), '1');
    assert.equal(headerText(record.headers, kafkaHeaderNames.errorClass), 'PermanentError');
  });

  test('always failing: in the DLQ after the maximum attempts, with every header exactly once', () => {
    const record = dlqRecordOf(alwaysFailing.eventId);
    assert.ok(record, 'dead-lettered');
    const headers = record.headers ?? {};
    const text = (name: string) => headerText(headers, name);

    assert.equal(attemptsOf(alwaysFailing.eventId).length, topics.topology.maxAttempts);
    for (const name of Object.values(kafkaHeaderNames)) {
      if (name === kafkaHeaderNames.tracestate) continue; // the producer sent none
      assert.ok(headers[name] !== undefined, `${name} present`);
      assert.ok(!Array.isArray(headers[name]), `${name} appears once`);
    }
    assert.equal(text(kafkaHeaderNames.originalTopic), topics.source);
    assert.equal(text(kafkaHeaderNames.attemptCount), String(topics.topology.maxAttempts));
    assert.equal(text(kafkaHeaderNames.errorClass), 'TypeError');
    assert.equal(text(kafkaHeaderNames.errorMessage), 'downstream keeps failing');
    assert.equal(text(kafkaHeaderNames.redriveCount), '0');
    assert.equal(text(kafkaHeaderNames.eventType), 'order.paid');
    assert.match(text(kafkaHeaderNames.traceparent) ?? '', new RegExp(`^00-${traceId}-`));
    assert.ok(
      Number(text(kafkaHeaderNames.firstFailureAtMs)) <= Number(text(kafkaHeaderNames.notBeforeMs)),
      'first failure precedes the last not-before time',
    );
    assert.equal(record.key?.toString(), alwaysFailing.eventId, 'original key kept');
  });

  test('always failing: the source partition moved on past the dead-lettered record', async () => {
    const committed = await topics.committedOffsets(topics.source);
    const ends = await topics.endOffsets(topics.source);

    for (const [partition, end] of ends) {
      assert.equal(
        committed.get(partition) ?? (end === 0n ? -1n : undefined),
        end === 0n ? -1n : end,
      );
    }
  });

  test('RetryAfterError: the next attempt runs no earlier than the asked wait', () => {
    const [first, second] = attemptsOf(retryAfter.eventId);

    assert.ok(first && second, 'two attempts');
    assert.ok(second.atMs - first.atMs >= 2_500, `waited ${second.atMs - first.atMs} ms`);
  });

  test('an undecodable record: in the DLQ with the reason, the handler never called', () => {
    const record = dlqRecordOf(undecodableId);

    assert.ok(record, 'dead-lettered');
    assert.equal(headerText(record.headers, kafkaHeaderNames.errorClass), 'DECODE_FAILED');
    assert.match(headerText(record.headers, kafkaHeaderNames.errorMessage) ?? '', /magic byte/);
    assert.equal(attemptsOf(undecodableId).length, 0);
  });

  test('an event type the service does not handle: skipped and counted, never failed', () => {
    assert.equal(service.counters().skippedEventTypes, 1);
    assert.equal(attemptsOf(otherType.eventId).length, 0);
    assert.equal(dlqRecordOf(otherType.eventId), undefined);
  });
});
