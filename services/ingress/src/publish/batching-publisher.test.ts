import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { isIngressError } from '../errors/ingress-error.ts';
import { type BatchingPublisherOptions, createBatchingPublisher } from './batching-publisher.ts';
import type { PublishRecord, TopicBatch } from './publish-record.ts';

/** A send port whose batches settle when the test says so. */
function controllableSend() {
  const calls: Array<{
    batch: readonly TopicBatch[];
    resolve: () => void;
    reject: (error: Error) => void;
  }> = [];
  const send = (batch: readonly TopicBatch[]) =>
    new Promise<void>((resolve, reject) => calls.push({ batch, resolve, reject }));
  return { send, calls };
}

function record(n: number, topic = 'webhooks.test.v1', bytes = 10): PublishRecord {
  return {
    topic,
    key: `key-${n}`,
    value: Buffer.alloc(bytes, n),
    headers: { 'tributary-event-id': `evt-${n}` },
  };
}

function publisherWith(
  send: BatchingPublisherOptions['send'],
  overrides: Partial<BatchingPublisherOptions> = {},
) {
  return createBatchingPublisher({
    send,
    deadlineMs: 5_000,
    maxInFlight: 100,
    maxBatchRecords: 100,
    maxBatchBytes: 1_000_000,
    ...overrides,
  });
}

function publish(publisher: ReturnType<typeof publisherWith>, rec: PublishRecord) {
  const slot = publisher.tryAcquire();
  assert.ok(slot, 'a slot is free');
  return slot.publish(rec, ROOT_CONTEXT);
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function waitForCalls(calls: unknown[], count: number) {
  for (let i = 0; i < 200 && calls.length < count; i += 1) await tick();
  assert.equal(calls.length, count, `expected ${count} sendBatch calls`);
}

describe('batching publisher', () => {
  it('sends publishes of the same turn as one batch, grouped by topic, headers kept', async () => {
    const { send, calls } = controllableSend();
    const publisher = publisherWith(send);

    const done = [record(1, 'a'), record(2, 'b'), record(3, 'a')].map((r) => publish(publisher, r));
    await waitForCalls(calls, 1);
    calls[0]?.resolve();
    await Promise.all(done);

    assert.deepEqual(
      calls[0]?.batch.map((t) => ({ topic: t.topic, keys: t.messages.map((m) => m.key) })),
      [
        { topic: 'a', keys: ['key-1', 'key-3'] },
        { topic: 'b', keys: ['key-2'] },
      ],
    );
    assert.equal(calls[0]?.batch[0]?.messages[0]?.headers['tributary-event-id'], 'evt-1');
    assert.equal(publisher.inFlight, 0);
  });

  it('while a batch is in flight, coalesces the publishes arriving meanwhile into the next one', async () => {
    const { send, calls } = controllableSend();
    const publisher = publisherWith(send);

    const first = publish(publisher, record(1));
    await waitForCalls(calls, 1);
    const later = [2, 3, 4, 5].map((n) => publish(publisher, record(n)));
    await tick();
    assert.equal(calls.length, 1, 'nothing else is sent while a batch is in flight');
    calls[0]?.resolve();
    await first;
    await waitForCalls(calls, 2);
    calls[1]?.resolve();
    await Promise.all(later);

    assert.equal(calls[1]?.batch[0]?.messages.length, 4);
  });

  const boundCases = [
    { name: 'maxBatchRecords', overrides: { maxBatchRecords: 2 }, bytes: 10, sizes: [2, 2, 1] },
    { name: 'maxBatchBytes', overrides: { maxBatchBytes: 25 }, bytes: 10, sizes: [2, 2, 1] },
    {
      name: 'maxBatchBytes below one record',
      overrides: { maxBatchBytes: 5 },
      bytes: 10,
      sizes: [1, 1, 1, 1, 1],
    },
  ];
  for (const { name, overrides, bytes, sizes } of boundCases) {
    it(`splits batches at ${name}`, async () => {
      const { send, calls } = controllableSend();
      const publisher = publisherWith(send, overrides);

      const done = [1, 2, 3, 4, 5].map((n) => publish(publisher, record(n, 't', bytes)));
      for (let i = 0; i < sizes.length; i += 1) {
        await waitForCalls(calls, i + 1);
        calls[i]?.resolve();
      }
      await Promise.all(done);

      assert.deepEqual(
        calls.map((c) => c.batch[0]?.messages.length),
        sizes,
      );
    });
  }

  it('when the batch is refused, fails each of its records with publish_failed', async () => {
    const { send, calls } = controllableSend();
    const publisher = publisherWith(send);

    const done = [1, 2].map((n) => publish(publisher, record(n)));
    await waitForCalls(calls, 1);
    calls[0]?.reject(new Error('MESSAGE_TOO_LARGE'));

    for (const outcome of await Promise.allSettled(done)) {
      assert.equal(outcome.status, 'rejected');
      assert.ok(
        isIngressError(
          outcome.status === 'rejected' ? outcome.reason : undefined,
          'publish_failed',
        ),
      );
    }
    assert.equal(publisher.inFlight, 0);
  });

  it('past the deadline, answers publish_timeout; a queued record is never sent, a sent one keeps its slot until it settles', async () => {
    const { send, calls } = controllableSend();
    const publisher = publisherWith(send, { deadlineMs: 50 });

    const inBatch = publish(publisher, record(1));
    await waitForCalls(calls, 1);
    const queued = publish(publisher, record(2));

    for (const outcome of await Promise.allSettled([inBatch, queued])) {
      assert.ok(
        isIngressError(
          outcome.status === 'rejected' ? outcome.reason : undefined,
          'publish_timeout',
        ),
      );
    }
    assert.equal(publisher.inFlight, 1, 'the record in the hung batch still holds its slot');

    calls[0]?.resolve();
    await tick();
    await tick();
    assert.equal(publisher.inFlight, 0);
    assert.equal(calls.length, 1, 'the record dropped from the queue was never sent');
  });

  it('refuses a slot once maxInFlight are taken, and gives one back on release', () => {
    const publisher = publisherWith(controllableSend().send, { maxInFlight: 2 });

    const first = publisher.tryAcquire();
    const second = publisher.tryAcquire();
    assert.ok(first && second);
    assert.equal(publisher.tryAcquire(), undefined);

    first.release();
    first.release();
    assert.equal(publisher.inFlight, 1);
    assert.ok(publisher.tryAcquire());
  });

  it('on close, fails queued records with shutting_down, lets the batch in flight finish, and admits nothing', async () => {
    const { send, calls } = controllableSend();
    const publisher = publisherWith(send);

    const inBatch = publish(publisher, record(1));
    await waitForCalls(calls, 1);
    const queued = publish(publisher, record(2));
    const closing = publisher.close(5_000);

    await assert.rejects(queued, (error: unknown) => isIngressError(error, 'shutting_down'));
    assert.equal(publisher.tryAcquire(), undefined);
    calls[0]?.resolve();
    await closing;
    await inBatch;
    assert.equal(calls.length, 1);
  });

  it('counts a record in flight from hand-over until its bytes are released, whether acknowledged, dropped or still in a hung batch', async () => {
    const { send, calls } = controllableSend();
    let inFlight = 0;
    const readings: number[] = [];
    const publisher = publisherWith(send, {
      deadlineMs: 50,
      publishesInFlight: {
        add: (delta) => {
          inFlight += delta;
          readings.push(inFlight);
        },
      },
    });

    const inBatch = publish(publisher, record(1));
    await waitForCalls(calls, 1);
    const queued = publish(publisher, record(2));
    await Promise.allSettled([inBatch, queued]);
    assert.equal(inFlight, 1, 'the record in the hung batch is still in flight after its 503');

    calls[0]?.resolve();
    await tick();
    await tick();
    assert.equal(inFlight, 0);
    assert.deepEqual(readings, [1, 2, 1, 0]);
  });
});
