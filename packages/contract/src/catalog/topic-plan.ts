import { ContractError } from '../errors/contract-error.ts';
import {
  dedupTopicName,
  dlqTopicName,
  retryTopicName,
  sourceTopicName,
} from '../topics/topic-names.ts';
import type { SourceTopicEntry, SourceTopicRef, TopicCatalog } from './topic-catalog.ts';

/**
 * Room retry and DLQ topics leave above their source's `max.message.bytes` for the
 * forwarding headers (original topic, error class and message...); writers truncate the
 * error message to stay inside it.
 */
export const forwardHeaderAllowanceBytes = 16 * 1024;

/** What a topic derived from the catalog should look like on the broker. */
export interface TopicSpec {
  /** Full topic name, prefix included. */
  readonly name: string;
  /** Why the topic exists. */
  readonly role: 'source' | 'retry' | 'dlq' | 'dedup';
  /** Partition count. */
  readonly partitions: number;
  /** Replication factor. */
  readonly replicationFactor: number;
  /** Topic-level configs the catalog sets; anything else is the broker's default. */
  readonly configs: Readonly<Record<string, string>>;
}

/**
 * Every topic the catalog implies, source topics first, then per group its retry tiers,
 * DLQs and dedup topic. Retry and DLQ topics have their source's partition count; the dedup
 * topic has the largest of the group's sources so marks can share the source record's
 * partition number. Names carry `prefix`.
 */
export function deriveTopicPlan(catalog: TopicCatalog, prefix = ''): TopicSpec[] {
  const replicationFactor = catalog.replicationFactor;
  const specs: TopicSpec[] = catalog.sources.map((entry) => ({
    name: sourceTopicName(entry, prefix),
    role: 'source',
    partitions: entry.partitions,
    replicationFactor,
    configs: {
      'cleanup.policy': 'delete',
      'retention.ms': String(entry.retentionMs),
      'max.message.bytes': String(entry.maxMessageBytes),
    },
  }));

  for (const group of catalog.groups) {
    const sources = group.reads.map((ref) => findSource(catalog, ref));
    for (const source of sources) {
      const parts = { source: source.source, major: source.major, group: group.group };
      const forwardConfigs = (retentionMs: number) => ({
        'cleanup.policy': 'delete',
        'retention.ms': String(retentionMs),
        'max.message.bytes': String(source.maxMessageBytes + forwardHeaderAllowanceBytes),
      });
      group.tierDelaysMs.forEach((_, index) => {
        specs.push({
          name: retryTopicName({ ...parts, tier: index + 1 }, prefix),
          role: 'retry',
          partitions: source.partitions,
          replicationFactor,
          configs: forwardConfigs(source.retentionMs),
        });
      });
      specs.push({
        name: dlqTopicName(parts, prefix),
        role: 'dlq',
        partitions: source.partitions,
        replicationFactor,
        configs: forwardConfigs(group.dlqRetentionMs),
      });
    }
    specs.push({
      name: dedupTopicName(group.group, prefix),
      role: 'dedup',
      partitions: Math.max(...sources.map((source) => source.partitions)),
      replicationFactor,
      configs: { 'cleanup.policy': 'compact,delete', 'retention.ms': String(group.dedupWindowMs) },
    });
  }
  return specs;
}

/** The catalog entry of a source topic; throws `CATALOG_ENTRY_UNKNOWN` when undeclared. */
export function findSource(catalog: TopicCatalog, ref: SourceTopicRef): SourceTopicEntry {
  const found = catalog.sources.find((s) => s.source === ref.source && s.major === ref.major);
  if (found === undefined) {
    throw new ContractError(
      'CATALOG_ENTRY_UNKNOWN',
      `topic catalog ${catalog.file} declares no source ${ref.source}.v${ref.major}`,
    );
  }
  return found;
}
