import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { transactionalIdOf } from './partition-producers.ts';

describe('transactionalIdOf', () => {
  test("names the group, the topic and the partition, so a partition's next owner fences the last", () => {
    assert.equal(
      transactionalIdOf('billing', { topic: 'webhooks.orders.v1.billing.retry.1', partition: 3 }),
      'billing.webhooks.orders.v1.billing.retry.1.3',
    );
  });
});
