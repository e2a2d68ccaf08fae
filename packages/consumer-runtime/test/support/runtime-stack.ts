// What the runtime's broker-backed suites share: topics from the fixture catalog under a
// prefix of their own, envelopes encoded with the registered schema, and topic readers.
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type GroupTopology,
  kafkaHeaderNames,
  type TopicCatalog,
  type WebhookEnvelope,
} from '@tributary/contract';
import kafkajs, { type IHeaders, type KafkaMessage } from 'kafkajs';
import {
  prepareGroupTopics,
  serviceTestLogger,
} from '../../../../test/support/service-test-topics.ts';
import { stackEnv } from '../../../../test/support/stack-env.ts';
import { readPartitionsToEnd } from '../../src/kafka/read-partitions-to-end.ts';

const { Kafka, logLevel } = kafkajs;

/** The fixture catalog file. */
export const catalogFile = fileURLToPath(new URL('../fixtures/catalog.yaml', import.meta.url));

/** Logs of in-process services: silent unless TRIBUTARY_TEST_LOG_LEVEL asks otherwise. */
export const testLogger = serviceTestLogger;

/** Per-record extras of {@link TestTopics.produce}. */
export interface ProduceExtras {
  key?: string;
  kafkaHeaders?: IHeaders;
}

/** A prefixed copy of the fixture's topics, created on the broker, and helpers around them. */
export interface TestTopics {
  prefix: string;
  catalog: TopicCatalog;
  topology: GroupTopology;
  /** The source topic. */
  source: string;
  /**
   * Encodes and produces envelopes to the source topic as the ingress does (event id and
   * type headers), keyed by `key` (default: the event id), with any extra `kafkaHeaders`.
   */
  produce(envelopes: ReadonlyArray<WebhookEnvelope & ProduceExtras>): Promise<void>;
  /** Produces a raw value (e.g. undecodable bytes) with headers. */
  produceRaw(value: Buffer, headers: IHeaders, key: string): Promise<void>;
  /** Every record of `topic` up to its end, as read_committed (default) or read_uncommitted. */
  read(topic: string, options?: { readUncommitted?: boolean }): Promise<KafkaMessage[]>;
  /** The group's committed offsets on `topic`, by partition (-1: none). */
  committedOffsets(topic: string): Promise<Map<number, bigint>>;
  /** The end offsets (read_committed) of `topic`, by partition. */
  endOffsets(topic: string): Promise<Map<number, bigint>>;
  close(): Promise<void>;
}

/** Creates the fixture catalog's topics under a fresh prefix and registers the envelope. */
export async function createTestTopics(label: string): Promise<TestTopics> {
  const { prefix, catalog, topology, source, writer } = await prepareGroupTopics(
    catalogFile,
    'billing',
    label,
  );

  const kafka = new Kafka({ brokers: [...stackEnv.brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
  const quiet = testLogger('test-reader');

  return {
    prefix,
    catalog,
    topology,
    source,
    async produce(envelopes) {
      await producer.send({
        topic: source,
        acks: -1,
        messages: envelopes.map(({ key, kafkaHeaders, ...envelope }) => ({
          key: key ?? envelope.eventId,
          value: writer.encode(envelope),
          headers: {
            [kafkaHeaderNames.eventId]: envelope.eventId,
            [kafkaHeaderNames.eventType]: envelope.eventType,
            ...kafkaHeaders,
          },
        })),
      });
    },
    async produceRaw(value, headers, key) {
      await producer.send({ topic: source, acks: -1, messages: [{ key, value, headers }] });
    },
    async read(topic, options = {}) {
      const records: KafkaMessage[] = [];
      await readPartitionsToEnd({
        kafka,
        topic,
        groupIdPrefix: `${prefix}test`,
        timeoutMs: 20_000,
        logger: quiet,
        readUncommitted: options.readUncommitted ?? false,
        onRecord: (_, message) => void records.push(message),
      });
      return records;
    },
    async committedOffsets(topic) {
      const [fetched] = await admin.fetchOffsets({ groupId: topology.groupId, topics: [topic] });
      return new Map(fetched?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
    },
    async endOffsets(topic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      return new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
    },
    async close() {
      await Promise.all([producer.disconnect(), admin.disconnect()]);
    },
  };
}

/** A v2 envelope of `eventType` with a fresh event id unless one is given. */
export function envelope(
  eventType: string,
  overrides: Partial<WebhookEnvelope> = {},
): WebhookEnvelope {
  const body = Buffer.from(JSON.stringify({ id: randomUUID() }));
  return {
    eventId: `orders:${randomUUID()}`,
    source: 'orders',
    eventType,
    receivedAt: new Date(),
    deliveryId: null,
    headers: {},
    contentType: 'application/json',
    body,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    verification: { scheme: 'test', secretLabel: null, timestampChecked: false },
    sourceIp: null,
    ...overrides,
  };
}

/** The connection part of start options for this stack. */
export function stackStartOptions(topics: TestTopics) {
  return {
    brokers: stackEnv.brokers,
    schemaRegistryUrl: stackEnv.schemaRegistryUrl,
    catalog: topics.catalog,
    prefix: topics.prefix,
  };
}
