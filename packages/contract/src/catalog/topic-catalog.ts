/** A source topic as the catalog declares it. */
export interface SourceTopicEntry {
  /** Ingress source name. */
  readonly source: string;
  /** Envelope major version. */
  readonly major: number;
  /** Partition count; retry, DLQ and dedup topics of its readers follow it. */
  readonly partitions: number;
  /** `retention.ms` of the topic; also of the retry tiers reading it. */
  readonly retentionMs: number;
  /** `max.message.bytes`, above the ingress body limit plus envelope overhead. */
  readonly maxMessageBytes: number;
}

/** A source topic a group reads, by its parts. */
export interface SourceTopicRef {
  /** Ingress source name. */
  readonly source: string;
  /** Envelope major version. */
  readonly major: number;
}

/** A consumer group's retry and dedup settings as the catalog declares them. */
export interface ConsumerGroupEntry {
  /** Group name without prefix. */
  readonly group: string;
  /** Source topics the group consumes. */
  readonly reads: readonly SourceTopicRef[];
  /** Delay of each retry tier in milliseconds, tier 1 first; empty: no retries. */
  readonly tierDelaysMs: readonly number[];
  /** Attempts including the first; attempts past the last tier reuse the last tier. */
  readonly maxAttempts: number;
  /** How long a dedup mark is kept (the dedup topic's `retention.ms`). */
  readonly dedupWindowMs: number;
  /** `retention.ms` of the group's DLQ topics. Default 30 days. */
  readonly dlqRetentionMs: number;
}

/** The validated, frozen topic catalog (`deploy/catalog.yaml`). */
export interface TopicCatalog {
  /** Path it was loaded from. */
  readonly file: string;
  /** Replication factor of every topic. Default 1. */
  readonly replicationFactor: number;
  /** Largest request body the ingress accepts, in bytes. */
  readonly ingressMaxBodyBytes: number;
  /** Source topics, in file order. */
  readonly sources: readonly SourceTopicEntry[];
  /** Consumer groups, in file order. */
  readonly groups: readonly ConsumerGroupEntry[];
}
