import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Attributes } from '@opentelemetry/api';
import type { RetryTier } from '@tributary/contract';
import type { RecordOutcome } from '../process/record-outcome.ts';
import type { TopicRole } from '../service/topic-roles.ts';
import { createOutcomeMetrics, type OutcomeInstruments } from './outcome-metrics.ts';

/** Instruments that keep what they were given, as `[value, attributes]`. */
function recordingInstruments() {
  const seen = {
    processed: [] as Attributes[],
    retries: [] as Attributes[],
    latency: [] as Array<[number, Attributes]>,
  };
  const instruments = {
    eventsProcessed: {
      add: (_: number, attributes?: Attributes) => void seen.processed.push(attributes ?? {}),
    },
    retriesForwarded: {
      add: (_: number, attributes?: Attributes) => void seen.retries.push(attributes ?? {}),
    },
    receiptToProcessedMs: {
      record: (value: number, attributes?: Attributes) =>
        void seen.latency.push([value, attributes ?? {}]),
    },
  } as unknown as OutcomeInstruments;
  return { instruments, seen };
}

const tiers: RetryTier[] = [{ tier: 1, topic: 'orders.billing.retry.1', delayMs: 1_000 }];
const route = { sourceTopic: 'orders', partitions: 2, tiers, dlqTopic: 'orders.billing.dlq' };
const tierRole: TopicRole = { kind: 'tier', route, tier: tiers[0] as RetryTier };
const mark = { state: 'done' as const, atMs: 0, attempts: 1, redrives: 0 };
const forward = {
  topic: 'orders.billing.retry.1',
  message: { key: 'k', value: 'v', partition: 0 },
};
const failed = {
  eventId: 'e3',
  eventType: 'order.paid',
  mark,
  forward,
  errorClass: 'Error',
  attempt: 2,
  undecodable: false,
};

describe('outcome metrics', () => {
  test('counts each outcome under its label, retries by tier, and times finished records from receipt', () => {
    const { instruments, seen } = recordingInstruments();
    const metrics = createOutcomeMetrics({ groupId: 'billing', instruments, now: () => 10_000 });
    const outcomes: RecordOutcome[] = [
      { kind: 'done', eventId: 'e1', eventType: 'order.paid', receivedAtMs: 9_250, mark },
      { kind: 'skipped', reason: 'duplicate', eventId: 'e1', eventType: 'order.paid' },
      { kind: 'skipped', reason: 'event-type', eventType: 'order.refunded' },
      { kind: 'retry', ...failed, receivedAtMs: 9_000, tier: 1 },
      { kind: 'dead', ...failed, receivedAtMs: 8_000, tier: undefined },
      { kind: 'dead', ...failed, eventType: undefined, undecodable: true, tier: undefined },
    ];

    metrics.recordCommitted({ topic: 'orders.billing.retry.1', partition: 0 }, tierRole, outcomes);

    const base = { consumer_group: 'billing', topic: 'orders.billing.retry.1' };
    assert.deepEqual(seen.processed, [
      { ...base, event_type: 'order.paid', outcome: 'handled' },
      { ...base, event_type: 'order.paid', outcome: 'duplicate' },
      { ...base, event_type: 'order.refunded', outcome: 'skipped_type' },
      { ...base, event_type: 'order.paid', outcome: 'retried' },
      { ...base, event_type: 'order.paid', outcome: 'dead_lettered' },
      { ...base, outcome: 'dead_lettered' },
    ]);
    assert.deepEqual(seen.retries, [{ consumer_group: 'billing', tier: '1' }]);
    assert.deepEqual(seen.latency, [
      [750, { consumer_group: 'billing', topic: 'orders', outcome: 'handled' }],
      [2_000, { consumer_group: 'billing', topic: 'orders', outcome: 'dead_lettered' }],
    ]);
  });

  test('a receipt time ahead of the consumer clock is timed as 0, never negative', () => {
    const { instruments, seen } = recordingInstruments();
    const metrics = createOutcomeMetrics({ groupId: 'billing', instruments, now: () => 10_000 });

    metrics.recordCommitted({ topic: 'orders', partition: 0 }, tierRole, [
      { kind: 'done', eventId: 'e1', receivedAtMs: 10_500, mark },
    ]);

    assert.equal(seen.latency[0]?.[0], 0);
  });
});
