// What the consumer services' broker-backed suites share: one consumer group's topics from a
// catalog file, created under a prefix of this run's own, the envelope registered on the source
// topic's subject, and a producer writing envelopes as the ingress does.
import { createHash, randomUUID } from 'node:crypto';
import {
  applyTopicPlan,
  createConfluentRegistryPort,
  createEnvelopeCodec,
  createKafkaTopicAdmin,
  deriveTopicPlan,
  type EnvelopeCodec,
  type GroupTopology,
  groupTopology,
  kafkaHeaderNames,
  loadEnvelopeSchemas,
  loadTopicCatalog,
  type TopicCatalog,
  type WebhookEnvelope,
} from '@tributary/contract';
import { createLogger, type Logger } from '@tributary/logger';
import kafkajs from 'kafkajs';
import { stackEnv, uniqueName } from './stack-env.ts';
import { waitFor } from './wait-for.ts';

const { Kafka, logLevel } = kafkajs;

/** One group's topics under a fresh prefix, and a producer for its (first) source topic. */
export interface ServiceTestTopics {
  readonly prefix: string;
  readonly catalog: TopicCatalog;
  readonly topology: GroupTopology;
  /** The group's first source topic, prefix included. */
  readonly source: string;
  /** Produces envelopes to the source topic keyed by `key` (default the event id), in order. */
  produce(records: ReadonlyArray<{ envelope: WebhookEnvelope; key?: string }>): Promise<void>;
  close(): Promise<void>;
}

/** Logs of in-process services: silent unless TRIBUTARY_TEST_LOG_LEVEL asks otherwise. */
export function serviceTestLogger(name: string): Logger {
  const level = (process.env.TRIBUTARY_TEST_LOG_LEVEL ?? 'silent') as 'silent';
  return createLogger({ serviceName: name, level, destination: process.stderr });
}

/** One group's topics created under a fresh prefix, and the codec that writes its source. */
export interface PreparedGroupTopics {
  readonly prefix: string;
  readonly catalog: TopicCatalog;
  readonly topology: GroupTopology;
  /** The group's first source topic, prefix included. */
  readonly source: string;
  /** Encodes with the newest envelope version, registered on the source topic's subject. */
  readonly writer: EnvelopeCodec<WebhookEnvelope>;
}

/**
 * Creates every topic `group` needs from `catalogFile` under a prefix unique to this call
 * (`<label>` made unique, default the group), and registers the envelope versions (in order)
 * on the source topic's value subject.
 */
export async function prepareGroupTopics(
  catalogFile: string,
  group: string,
  label: string = group,
): Promise<PreparedGroupTopics> {
  const prefix = `${uniqueName(label)}.`;
  const catalog = loadTopicCatalog(catalogFile);
  const topology = groupTopology(catalog, group, prefix);
  const source = topology.routes[0]?.sourceTopic;
  if (source === undefined) throw new Error(`group ${group} reads no source topic`);

  const admin = createKafkaTopicAdmin({ brokers: stackEnv.brokers });
  await admin.connect();
  try {
    // Leaders of topics created a moment ago may not be elected yet: applying is idempotent.
    await waitFor(() => applyTopicPlan(admin, deriveTopicPlan(catalog, prefix)).then(() => true), {
      timeoutMs: 15_000,
      intervalMs: 500,
      what: `topics under ${prefix} created`,
    });
  } finally {
    await admin.disconnect();
  }

  const registry = createConfluentRegistryPort({ url: stackEnv.schemaRegistryUrl });
  const codecs = loadEnvelopeSchemas().map(({ schema }) =>
    createEnvelopeCodec<WebhookEnvelope>({
      registry,
      schema,
      subject: `${source}-value`,
      writerIdBy: 'register',
    }),
  );
  // Versions in order: FULL_TRANSITIVE registration follows the envelope's history.
  for (const codec of codecs) await codec.start();
  const writer = codecs.at(-1);
  if (writer === undefined) throw new Error('no envelope schema');
  return { prefix, catalog, topology, source, writer };
}

/**
 * {@link prepareGroupTopics}, plus a producer writing envelopes to the source topic as the
 * ingress does.
 */
export async function createServiceTestTopics(
  catalogFile: string,
  group: string,
): Promise<ServiceTestTopics> {
  const { prefix, catalog, topology, source, writer } = await prepareGroupTopics(
    catalogFile,
    group,
  );

  const kafka = new Kafka({ brokers: [...stackEnv.brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();

  return {
    prefix,
    catalog,
    topology,
    source,
    async produce(records) {
      await producer.send({
        topic: source,
        acks: -1,
        messages: records.map(({ envelope, key }) => ({
          key: key ?? envelope.eventId,
          value: writer.encode(envelope),
          headers: {
            [kafkaHeaderNames.eventId]: envelope.eventId,
            [kafkaHeaderNames.eventType]: envelope.eventType,
          },
        })),
      });
    },
    close: () => producer.disconnect(),
  };
}

/** An envelope as the ingress builds it around `body` (JSON-encoded when not a Buffer). */
export function testEnvelope(
  source: string,
  eventType: string,
  body: unknown,
  eventId = `${source}:${randomUUID()}`,
): WebhookEnvelope {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  return {
    eventId,
    source,
    eventType,
    receivedAt: new Date(),
    deliveryId: null,
    headers: {},
    contentType: 'application/json',
    body: bytes,
    bodySha256: createHash('sha256').update(bytes).digest('hex'),
    verification: { scheme: 'test', secretLabel: null, timestampChecked: false },
    sourceIp: null,
  };
}

/** The connection part of the runtime's start options for this stack and prefix. */
export function serviceStartOptions(topics: ServiceTestTopics) {
  return {
    brokers: stackEnv.brokers,
    schemaRegistryUrl: stackEnv.schemaRegistryUrl,
    catalog: topics.catalog,
    prefix: topics.prefix,
  };
}

/**
 * Start options that keep suites short: the broker's smallest session timeout (6 s), quick
 * heartbeats and fetches, short transactions, no signal handlers in the test process.
 */
export const fastServiceTimings = Object.freeze({
  sessionTimeoutMs: 6_000,
  rebalanceTimeoutMs: 12_000,
  heartbeatIntervalMs: 500,
  fetchMaxWaitMs: 200,
  transactionTimeoutMs: 10_000,
  shutdownTimeoutMs: 15_000,
  marksRebuildTimeoutMs: 20_000,
  stopOnSignals: [] as NodeJS.Signals[],
});
