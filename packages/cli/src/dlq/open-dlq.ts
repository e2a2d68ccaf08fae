import {
  createRedriveClient,
  isRuntimeError,
  type RedriveClient,
} from '@tributary/consumer-runtime';
import {
  createKafkaTopicAdmin,
  type GroupTopology,
  groupTopology,
  loadTopicCatalog,
} from '@tributary/contract';
import type { Logger } from '@tributary/logger';
import { CliError } from '../errors/cli-error.ts';

/** Where a `dlq` command finds a service's dead letters. */
export interface OpenDlqOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** The service = consumer group name in the catalog, without prefix. */
  readonly service: string;
  /** Name prefix of its topics and group; empty for none. */
  readonly prefix: string;
  /** Catalog file; absent means `deploy/catalog.yaml`. */
  readonly catalogFile: string | undefined;
  /** Longest one read of a DLQ or of the dedup marks may take, in ms. */
  readonly timeoutMs: number;
  /** Redrives a record may have had before a replay refuses it. */
  readonly maxRedrives: number;
  /** The runtime client's log (silent unless asked for). */
  readonly logger: Logger;
}

/** A service's redrive client, with the group's topology and its DLQ topic names. */
export interface OpenDlq {
  readonly client: RedriveClient;
  readonly topology: GroupTopology;
  readonly dlqTopics: readonly string[];
}

/**
 * Checks, in order, that the catalog declares the service (`unknown_service`, exit 2), that
 * the broker answers (`BROKER_UNREACHABLE` from the contract, bounded to a few seconds rather
 * than kafkajs's minute of retries) and that the service's DLQ topics exist
 * (`topics_missing`), then opens the runtime's redrive client. The caller closes the client.
 */
export async function openDlq(options: OpenDlqOptions): Promise<OpenDlq> {
  const catalog = loadTopicCatalog(options.catalogFile);
  if (!catalog.groups.some((group) => group.group === options.service)) {
    const known = catalog.groups.map((group) => group.group).join(', ') || 'none';
    throw new CliError(
      'unknown_service',
      `no consumer service ${JSON.stringify(options.service)} in ${catalog.file} (services: ${known})`,
    );
  }
  const topology = groupTopology(catalog, options.service, options.prefix);
  const dlqTopics = topology.routes.map((route) => route.dlqTopic);

  await requireTopics(options.brokers, dlqTopics);
  // Shortcoming: the CLI runs without the OpenTelemetry SDK, so a replay records no redrive
  // span and the copy keeps the dead letter's trace (no new linked trace); see the runtime README.
  const client = createRedriveClient({
    brokers: options.brokers,
    catalog,
    service: options.service,
    prefix: options.prefix,
    logger: options.logger,
    maxRedrives: options.maxRedrives,
    readTimeoutMs: options.timeoutMs,
  });
  return { client, topology, dlqTopics };
}

async function requireTopics(brokers: readonly string[], topics: readonly string[]): Promise<void> {
  const admin = createKafkaTopicAdmin({ brokers, clientId: 'tributary-dlq' });
  try {
    await admin.connect();
    const existing = await admin.describeTopics(topics, ['retention.ms']);
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      throw new CliError(
        'topics_missing',
        `${missing.join(', ')} not on the broker at ${brokers.join(',')}; run 'tributary topics apply' first`,
      );
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Runs a step against the runtime and turns its errors into one-line CLI errors: the runtime's
 * read timeouts and failed transactions, and kafkajs's own errors, become `dlq_unavailable`
 * (exit 1). Other errors pass.
 */
export async function guardRuntime<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error: unknown) {
    // kafkajs errors reach here when the broker goes away during a read.
    const kafkajs = error instanceof Error && error.name.startsWith('KafkaJS');
    if (!isRuntimeError(error) && !kafkajs) throw error;
    throw new CliError('dlq_unavailable', `${what}: ${(error as Error).message}`, { cause: error });
  }
}
