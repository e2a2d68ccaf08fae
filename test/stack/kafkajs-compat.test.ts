// What the consumer runtime relies on from kafkajs 2.2.4, checked against the broker that
// deploy/local starts. Kafka 4 removed old protocol versions; these prove the ones kafkajs
// speaks are still accepted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Admin, type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import { stackEnv, uniqueName } from '../support/stack-env.ts';
import { waitFor } from '../support/wait-for.ts';

const kafka = new Kafka({
  clientId: 'kafkajs-compat-test',
  brokers: stackEnv.brokers,
  logLevel: logLevel.NOTHING,
});
const admin: Admin = kafka.admin();
const closers: Array<() => Promise<void>> = [];

async function createTopic(label: string, numPartitions = 1): Promise<string> {
  const topic = uniqueName(label);
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  return topic;
}

async function connectedProducer(
  options: Parameters<Kafka['producer']>[0] = {},
): Promise<Producer> {
  const producer = kafka.producer(options);
  await producer.connect();
  closers.push(() => producer.disconnect());
  return producer;
}

async function connectedConsumer(options: Parameters<Kafka['consumer']>[0]): Promise<Consumer> {
  const consumer = kafka.consumer({ sessionTimeout: 10_000, ...options });
  await consumer.connect();
  closers.push(() => consumer.disconnect());
  return consumer;
}

/** Resolves with the partitions of `topic` the consumer holds after its next group join. */
function nextAssignment(consumer: Consumer, topic: string): Promise<number[]> {
  return new Promise((resolve) => {
    const stop = consumer.on(consumer.events.GROUP_JOIN, (event) => {
      stop();
      resolve(event.payload.memberAssignment[topic] ?? []);
    });
  });
}

before(async () => {
  await admin.connect();
});

after(async () => {
  for (const close of closers.reverse()) await close();
  await admin.disconnect();
});

describe('kafkajs 2.2.4 against the local broker', () => {
  test('the admin client creates a topic with the partitions asked for', async () => {
    const topic = await createTopic('compat.admin', 3);

    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });

    assert.equal(metadata.topics[0]?.partitions.length, 3);
  });

  test('an idempotent acks=all producer writes records a group consumer reads and commits', async () => {
    const topic = await createTopic('compat.produce');
    const groupId = uniqueName('compat.group');
    const producer = await connectedProducer({ idempotent: true, maxInFlightRequests: 1 });
    const values = ['a', 'b', 'c'];

    await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
    const consumer = await connectedConsumer({ groupId });
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => void seen.push(String(message.value)),
    });
    await waitFor(() => seen.length === values.length, { what: 'three records consumed' });
    await consumer.stop();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });

    assert.deepEqual(seen, values);
    assert.equal(offsets?.partitions[0]?.offset, '3');
  });

  test('a transaction with sendOffsets is visible to read_committed only after commit', async () => {
    const topic = await createTopic('compat.txn');
    const sourceTopic = await createTopic('compat.txn-source');
    const groupId = uniqueName('compat.txn-group');
    const producer = await connectedProducer({
      transactionalId: uniqueName('compat.txn-id'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    const reader = await connectedConsumer({
      groupId: uniqueName('compat.reader'),
      readUncommitted: false,
    });
    const seen: string[] = [];
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });

    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted' }] });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ value: 'committed' }] });
    await committed.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic: sourceTopic, partitions: [{ partition: 0, offset: '42' }] }],
    });
    assert.deepEqual(seen, [], 'nothing is visible before the commit');
    await committed.commit();
    await waitFor(() => seen.length > 0, { what: 'the committed record' });
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [sourceTopic] });

    assert.deepEqual(seen, ['committed']);
    assert.equal(offsets?.partitions[0]?.offset, '42');
  });

  test('pausing one partition holds its records while the other keeps flowing', async () => {
    const topic = await createTopic('compat.pause', 2);
    const producer = await connectedProducer();
    const consumer = await connectedConsumer({ groupId: uniqueName('compat.pause-group') });
    const seen: Array<{ partition: number; value: string }> = [];
    await consumer.subscribe({ topic, fromBeginning: true });
    const assigned = nextAssignment(consumer, topic);
    await consumer.run({
      eachMessage: async ({ partition, message }) =>
        void seen.push({ partition, value: String(message.value) }),
    });
    assert.deepEqual((await assigned).sort(), [0, 1]);

    consumer.pause([{ topic, partitions: [0] }]);
    await producer.send({
      topic,
      messages: [
        { partition: 0, value: 'held' },
        { partition: 1, value: 'flowing' },
      ],
    });
    await waitFor(() => seen.some((r) => r.value === 'flowing'), {
      what: 'the unpaused partition',
    });
    const whilePaused = seen.map((r) => r.value);
    consumer.resume([{ topic, partitions: [0] }]);
    await waitFor(() => seen.some((r) => r.value === 'held'), { what: 'the resumed partition' });

    assert.deepEqual(whilePaused, ['flowing']);
  });

  test('a second member joining rebalances the partitions and no record is lost', async () => {
    const topic = await createTopic('compat.rebalance', 4);
    const groupId = uniqueName('compat.rebalance-group');
    const producer = await connectedProducer({ idempotent: true, maxInFlightRequests: 1 });
    const seen = new Set<string>();
    const total = 200;
    const send = (from: number, to: number) =>
      producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: to - from }, (_, i) => ({
          key: `k${from + i}`,
          value: `v${from + i}`,
        })),
      });
    const startMember = async () => {
      const consumer = await connectedConsumer({ groupId });
      await consumer.subscribe({ topic, fromBeginning: true });
      const assigned = nextAssignment(consumer, topic);
      await consumer.run({
        eachMessage: async ({ message }) => void seen.add(String(message.value)),
      });
      return { consumer, assigned };
    };

    const first = await startMember();
    assert.equal((await first.assigned).length, 4);
    await send(0, total / 2);
    await waitFor(() => seen.size === total / 2, { what: 'the first half by one member' });
    const firstRejoin = nextAssignment(first.consumer, topic);
    const second = await startMember();
    const [firstShare, secondShare] = await Promise.all([firstRejoin, second.assigned]);
    await send(total / 2, total);
    await waitFor(() => seen.size === total, { what: 'all records', timeoutMs: 60_000 });

    assert.equal(firstShare.length + secondShare.length, 4);
    assert.ok(secondShare.length > 0, 'the second member received partitions');
    assert.equal(seen.size, total);
  });
});
