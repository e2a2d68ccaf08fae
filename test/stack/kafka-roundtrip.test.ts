// One record with a key, a value and headers goes through the local broker unchanged: the
// smallest proof that produce (acks=all) and group consumption work end to end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type IHeaders, Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { stackEnv, uniqueName } from '../support/stack-env.ts';
import { waitFor } from '../support/wait-for.ts';

const kafka = new Kafka({
  clientId: 'kafka-roundtrip-test',
  brokers: stackEnv.brokers,
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
const consumer = kafka.consumer({ groupId: uniqueName('roundtrip.group'), sessionTimeout: 10_000 });

function headersAsStrings(headers: IHeaders = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}

before(async () => {
  await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
});

after(async () => {
  await Promise.all([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
});

describe('Kafka round trip', () => {
  test('a record keeps its key, value and headers from producer to group consumer', async () => {
    const topic = uniqueName('roundtrip');
    const sent = {
      key: 'order-17',
      value: JSON.stringify({ amount: 12.5, currency: 'EUR' }),
      headers: { 'event-id': 'evt-17', 'event-type': 'order.paid' },
    };
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });

    const [ack] = await producer.send({ topic, acks: -1, messages: [sent] });
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: KafkaMessage[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
    await waitFor(() => received.length > 0, { what: 'the record to be consumed' });

    assert.equal(ack?.errorCode, 0);
    assert.equal(received.length, 1);
    const [record] = received;
    assert.equal(record?.offset, ack?.baseOffset);
    assert.equal(record?.key?.toString(), sent.key);
    assert.equal(record?.value?.toString(), sent.value);
    assert.deepEqual(headersAsStrings(record?.headers), sent.headers);
  });
});
