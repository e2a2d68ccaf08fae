import { ContractError } from '../errors/contract-error.ts';
import {
  consumerGroupId,
  dedupTopicName,
  dlqTopicName,
  retryTopicName,
  sourceTopicName,
} from '../topics/topic-names.ts';
import type { TopicCatalog } from './topic-catalog.ts';
import { findSource } from './topic-plan.ts';

/** One retry tier of a group for one source topic. */
export interface RetryTier {
  /** Tier number, from 1. */
  readonly tier: number;
  /** The tier's topic. */
  readonly topic: string;
  /** How long a record waits in this tier before its next attempt, in milliseconds. */
  readonly delayMs: number;
}

/** Where a group's records of one source topic go on failure. */
export interface GroupSourceRoute {
  /** The source topic the group reads. */
  readonly sourceTopic: string;
  /** Its partition count (the dedup mark of a record goes to the same partition number). */
  readonly partitions: number;
  /** Retry tiers, tier 1 first. */
  readonly tiers: readonly RetryTier[];
  /** The group's DLQ for this source topic. */
  readonly dlqTopic: string;
}

/** Everything the consumer runtime reads from the catalog for one group. */
export interface GroupTopology {
  /** Kafka consumer group id, prefix included. */
  readonly groupId: string;
  /** The group's compacted dedup topic. */
  readonly dedupTopic: string;
  /** How long dedup marks are kept, in milliseconds. */
  readonly dedupWindowMs: number;
  /** Attempts including the first; attempts past the last tier reuse the last tier. */
  readonly maxAttempts: number;
  /** One route per source topic the group reads. */
  readonly routes: readonly GroupSourceRoute[];
}

/**
 * The topics, tiers and dedup window of `group` as the catalog declares them, with names
 * carrying `prefix`. Throws `CATALOG_ENTRY_UNKNOWN` for a group the catalog lacks.
 */
export function groupTopology(catalog: TopicCatalog, group: string, prefix = ''): GroupTopology {
  const entry = catalog.groups.find((candidate) => candidate.group === group);
  if (entry === undefined) {
    throw new ContractError(
      'CATALOG_ENTRY_UNKNOWN',
      `topic catalog ${catalog.file} declares no group ${JSON.stringify(group)}`,
    );
  }

  const routes = entry.reads.map((ref) => {
    const parts = { ...ref, group };
    return Object.freeze({
      sourceTopic: sourceTopicName(ref, prefix),
      partitions: findSource(catalog, ref).partitions,
      tiers: Object.freeze(
        entry.tierDelaysMs.map((delayMs, index) =>
          Object.freeze({
            tier: index + 1,
            topic: retryTopicName({ ...parts, tier: index + 1 }, prefix),
            delayMs,
          }),
        ),
      ),
      dlqTopic: dlqTopicName(parts, prefix),
    });
  });
  return Object.freeze({
    groupId: consumerGroupId(group, prefix),
    dedupTopic: dedupTopicName(group, prefix),
    dedupWindowMs: entry.dedupWindowMs,
    maxAttempts: entry.maxAttempts,
    routes: Object.freeze(routes),
  });
}
