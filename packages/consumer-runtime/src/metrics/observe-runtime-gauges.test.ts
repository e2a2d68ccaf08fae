import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Attributes, ObservableCallback, ObservableResult } from '@opentelemetry/api';
import { createLogger } from '@tributary/logger';
import type { PipelineMetrics } from '@tributary/telemetry';
import type { LagSample } from './consumer-lag.ts';
import { observeRuntimeGauges } from './observe-runtime-gauges.ts';

/** A gauge whose callbacks the test runs, as a metric collection would. */
function fakeGauge() {
  const callbacks = new Set<ObservableCallback>();
  return {
    addCallback: (callback: ObservableCallback) => void callbacks.add(callback),
    removeCallback: (callback: ObservableCallback) => void callbacks.delete(callback),
    async collect(): Promise<Array<[number, Attributes]>> {
      const seen: Array<[number, Attributes]> = [];
      const result = {
        observe: (value: number, attributes: Attributes = {}) =>
          void seen.push([value, attributes]),
      };
      for (const callback of callbacks) await callback(result as ObservableResult);
      return seen;
    },
  };
}

function gaugesWith(readLag: () => Promise<LagSample[]>, lagTimeoutMs = 1_000) {
  const dlqDepth = fakeGauge();
  const consumerLag = fakeGauge();
  const stop = observeRuntimeGauges({
    groupId: 'billing',
    instruments: { dlqDepth, consumerLag } as unknown as Pick<
      PipelineMetrics,
      'dlqDepth' | 'consumerLag'
    >,
    store: { deadCount: (partition) => (partition === 1 ? 2 : 0) },
    assignment: () => [
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 1 },
      { topic: 'orders.retry.1', partition: 1 },
    ],
    readLag,
    lagTimeoutMs,
    logger: createLogger({ serviceName: 'test', level: 'silent' }),
  });
  return { dlqDepth, consumerLag, stop };
}

describe('runtime gauges', () => {
  test('DLQ depth is reported per assigned partition number, 0 where nothing is dead', async () => {
    const { dlqDepth } = gaugesWith(async () => []);

    assert.deepEqual(await dlqDepth.collect(), [
      [0, { consumer_group: 'billing', partition: '0' }],
      [2, { consumer_group: 'billing', partition: '1' }],
    ]);
  });

  test('lag is reported per assigned partition as read at collection', async () => {
    const { consumerLag } = gaugesWith(async () => [{ topic: 'orders', partition: 0, lag: 4 }]);

    assert.deepEqual(await consumerLag.collect(), [
      [4, { consumer_group: 'billing', topic: 'orders', partition: '0' }],
    ]);
  });

  test('a lag read past its bound leaves lag out of the collection instead of holding it', async () => {
    const { consumerLag } = gaugesWith(() => new Promise(() => undefined), 50);
    const startedMs = Date.now();

    assert.deepEqual(await consumerLag.collect(), []);
    assert.ok(Date.now() - startedMs < 1_000);
  });

  test('once removed, neither gauge reports', async () => {
    const { dlqDepth, consumerLag, stop } = gaugesWith(async () => [
      { topic: 'orders', partition: 0, lag: 1 },
    ]);

    stop();

    assert.deepEqual([await dlqDepth.collect(), await consumerLag.collect()], [[], []]);
  });
});
