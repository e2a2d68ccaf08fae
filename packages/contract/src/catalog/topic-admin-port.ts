import type { TopicSpec } from './topic-plan.ts';

/** A topic as the broker has it, limited to what the catalog manages. */
export interface ExistingTopic {
  /** Partition count. */
  readonly partitions: number;
  /** Replicas of partition 0 (every partition has the same count when created by Kafka). */
  readonly replicationFactor: number;
  /** Current values of the configs asked for. */
  readonly configs: Readonly<Record<string, string>>;
}

/**
 * What applying the catalog needs from a Kafka admin client; there is deliberately no
 * delete. The production implementation is `createKafkaTopicAdmin`.
 */
export interface TopicAdminPort {
  /** The topics among `names` that exist, with the values of `configNames`. */
  describeTopics(
    names: readonly string[],
    configNames: readonly string[],
  ): Promise<Map<string, ExistingTopic>>;
  /** Creates the topics; one that appeared meanwhile is left as it is. */
  createTopics(specs: readonly TopicSpec[]): Promise<void>;
  /** Raises the partition count of `topic` to `count` (Kafka cannot lower it). */
  raisePartitions(topic: string, count: number): Promise<void>;
}
