import kafkajs, { type Admin } from 'kafkajs';
import { ContractError } from '../errors/contract-error.ts';
import type { ExistingTopic, TopicAdminPort } from './topic-admin-port.ts';
import type { TopicSpec } from './topic-plan.ts';

// kafkajs is CommonJS and Node's named-export detection misses ConfigResourceTypes.
const { ConfigResourceTypes, Kafka, logLevel } = kafkajs;

/** Options for {@link createKafkaTopicAdmin}. */
export interface KafkaTopicAdminOptions {
  /** Bootstrap brokers, `host:port`. */
  brokers: readonly string[];
  /** Client id shown in broker logs. Default `tributary-topics`. */
  clientId?: string;
  /** Time to open one broker connection, in milliseconds. Default 3 000. */
  connectionTimeoutMs?: number;
  /** Retries of a failed request or connection. Default 2 (kafkajs' own default, 5, with growing backoff takes most of a minute against a dead address). */
  retries?: number;
}

/** A {@link TopicAdminPort} with its connection lifecycle. */
export interface KafkaTopicAdmin extends TopicAdminPort {
  /** Connects; rejects with `BROKER_UNREACHABLE` naming the brokers. */
  connect(): Promise<void>;
  /** Closes the connection; safe to call when never connected. */
  disconnect(): Promise<void>;
}

const defaults = { clientId: 'tributary-topics', connectionTimeoutMs: 3_000, retries: 2 } as const;

/**
 * A Kafka admin client over kafkajs for applying the topic catalog, with bounded
 * connection retries so an unreachable broker fails in seconds. Errors become
 * `BROKER_UNREACHABLE` or `BROKER_REQUEST_FAILED`, naming the brokers.
 */
export function createKafkaTopicAdmin(options: KafkaTopicAdminOptions): KafkaTopicAdmin {
  const { brokers, clientId, connectionTimeoutMs, retries } = { ...defaults, ...options };
  const address = brokers.join(',');
  const kafka = new Kafka({
    clientId,
    brokers: [...brokers],
    connectionTimeout: connectionTimeoutMs,
    retry: { retries, initialRetryTime: 200, maxRetryTime: 1_000 },
    logLevel: logLevel.NOTHING,
  });
  const admin: Admin = kafka.admin();
  const guarded = <T>(what: string, run: () => Promise<T>) =>
    run().catch((error: unknown) => {
      throw toContractError(error, address, what);
    });

  return {
    connect: () => guarded('connect', () => admin.connect()),
    disconnect: () => admin.disconnect(),
    describeTopics: (names, configNames) =>
      guarded('describe topics', () => describeTopics(admin, names, configNames)),
    createTopics: (specs) => guarded('create topics', () => createTopics(admin, specs)),
    raisePartitions: (topic, count) =>
      guarded(`raise partitions of ${topic}`, async () => {
        await admin.createPartitions({ topicPartitions: [{ topic, count }] });
      }),
  };
}

async function describeTopics(
  admin: Admin,
  names: readonly string[],
  configNames: readonly string[],
): Promise<Map<string, ExistingTopic>> {
  const all = new Set(await admin.listTopics());
  const present = names.filter((name) => all.has(name));
  if (present.length === 0) return new Map();

  const metadata = await admin.fetchTopicMetadata({ topics: present });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((name) => ({
      type: ConfigResourceTypes.TOPIC,
      name,
      configNames: [...configNames],
    })),
  });
  const configsByTopic = new Map(
    configs.resources.map((resource) => [
      resource.resourceName,
      Object.fromEntries(resource.configEntries.map((e) => [e.configName, e.configValue])),
    ]),
  );
  return new Map(
    metadata.topics.map((topic) => [
      topic.name,
      {
        partitions: topic.partitions.length,
        replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
        configs: configsByTopic.get(topic.name) ?? {},
      },
    ]),
  );
}

async function createTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: specs.map((spec) => ({
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor: spec.replicationFactor,
      configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
    })),
  });
}

// kafkajs names its error classes; a connection failure surfaces as KafkaJSConnectionError,
// or wrapped in KafkaJSNumberOfRetriesExceeded once the bounded retries are spent.
const connectionErrorNames = new Set(['KafkaJSConnectionError', 'KafkaJSBrokerNotFound']);

function toContractError(error: unknown, address: string, what: string): ContractError {
  const cause = (error as { cause?: unknown }).cause;
  const names = [error, cause].map((e) => (e instanceof Error ? e.name : ''));
  const message = error instanceof Error ? error.message : String(error);
  if (names.some((name) => connectionErrorNames.has(name))) {
    return new ContractError(
      'BROKER_UNREACHABLE',
      `cannot reach Kafka at ${address} (${what}): ${message}`,
      { cause: error },
    );
  }
  const retriable = (error as { retriable?: unknown }).retriable === true;
  return new ContractError(
    'BROKER_REQUEST_FAILED',
    `Kafka at ${address} failed to ${what}: ${message}`,
    { cause: error, retriable },
  );
}
