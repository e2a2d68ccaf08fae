import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Admin } from 'kafkajs';
import { partitionLag, readConsumerLag } from './consumer-lag.ts';

describe('consumer lag', () => {
  const cases = [
    {
      name: 'records after the committed offset',
      end: '120',
      start: '0',
      committed: '100',
      lag: 20,
    },
    { name: 'caught up', end: '100', start: '0', committed: '100', lag: 0 },
    {
      name: 'nothing committed yet: from the start offset',
      end: '50',
      start: '10',
      committed: '-1',
      lag: 40,
    },
    {
      name: 'a committed offset past a truncated end',
      end: '5',
      start: '5',
      committed: '9',
      lag: 0,
    },
  ];
  for (const { name, end, start, committed, lag } of cases) {
    test(`partition lag, ${name}: ${lag}`, () => {
      assert.equal(partitionLag(end, start, committed), lag);
    });
  }

  test('reads only the assigned partitions, one offsets request per topic', async () => {
    const requested: string[] = [];
    const admin = {
      fetchTopicOffsets: async (topic: string) => {
        requested.push(topic);
        return [
          { partition: 0, offset: '30', high: '30', low: '0' },
          { partition: 1, offset: '7', high: '7', low: '0' },
        ];
      },
      fetchOffsets: async () => [
        { topic: 'orders', partitions: [{ partition: 0, offset: '25', metadata: null }] },
        { topic: 'orders.retry.1', partitions: [{ partition: 1, offset: '-1', metadata: null }] },
      ],
    } as unknown as Admin;

    const samples = await readConsumerLag(admin, 'billing', [
      { topic: 'orders', partition: 0 },
      { topic: 'orders.retry.1', partition: 1 },
    ]);

    assert.deepEqual(requested.sort(), ['orders', 'orders.retry.1']);
    assert.deepEqual(samples, [
      { topic: 'orders', partition: 0, lag: 5 },
      { topic: 'orders.retry.1', partition: 1, lag: 7 },
    ]);
  });
});
