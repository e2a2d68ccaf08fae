/** One Kafka record the ingress publishes. */
export interface PublishRecord {
  /** Full topic name, prefix included. */
  readonly topic: string;
  /** Record key: the partition key, so events of one entity share a partition. */
  readonly key: string;
  /** The encoded envelope (Confluent wire format). */
  readonly value: Buffer;
  /** Record headers (event id and type); trace context is added when the record is sent. */
  readonly headers: Readonly<Record<string, string>>;
  /** The event id, for the produce span. */
  readonly eventId?: string;
}

/** Records of one topic, as a coalesced batch hands them to Kafka. */
export interface TopicBatch {
  readonly topic: string;
  readonly messages: ReadonlyArray<{
    readonly key: string;
    readonly value: Buffer;
    readonly headers: Readonly<Record<string, string>>;
  }>;
}

/**
 * Writes one coalesced batch and resolves once the broker acknowledged every record of it
 * (acks=all); rejects when any could not be written. The production one wraps kafkajs'
 * `sendBatch` on an idempotent producer; tests substitute fakes.
 */
export type SendBatch = (batch: readonly TopicBatch[]) => Promise<void>;
