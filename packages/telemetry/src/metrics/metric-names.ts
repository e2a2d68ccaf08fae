/**
 * Every metric Tributary exports, in one place. OpenTelemetry names; the Prometheus exporter
 * turns dots into underscores, and adds `_total` to counters, so
 * `tributary.webhooks.received` is scraped as `tributary_webhooks_received_total`.
 */
export const MetricName = {
  /** Webhooks the ingress answered, by source, event type, outcome and HTTP status. */
  webhooksReceived: 'tributary.webhooks.received',
  /** Publishes to Kafka started and not yet acknowledged or failed, per ingress process. */
  publishesInFlight: 'tributary.ingress.publishes_in_flight',
  /** Records a consumer service finished with, by group, topic, event type and outcome. */
  eventsProcessed: 'tributary.events.processed',
  /** Time from the ingress receiving a webhook (envelope received-at) to a consumer finishing it. */
  receiptToProcessed: 'tributary.events.receipt_to_processed_ms',
  /** Records forwarded to a retry tier, by group and tier. */
  retriesForwarded: 'tributary.retries.forwarded',
  /**
   * Dead-lettered event ids of a group not yet redriven, by group and dedup partition: those
   * whose latest dedup mark says dead (the marks carry no topic). Each instance reports the
   * partition numbers it is assigned, and two instances can share a number (a source partition
   * on one, a tier's on the other), so aggregate with `max by (consumer_group, partition)`.
   */
  dlqDepth: 'tributary.dlq.depth',
  /**
   * Records of a source or tier topic the group has not yet committed, by group, topic and
   * partition; each instance reports the partitions it is assigned, so they sum.
   */
  consumerLag: 'tributary.consumer.lag',
} as const;

/** Attribute keys of Tributary's metrics; one casing (snake_case, as Prometheus labels are). */
export const MetricAttribute = {
  source: 'source',
  eventType: 'event_type',
  outcome: 'outcome',
  httpStatus: 'http_status',
  group: 'consumer_group',
  topic: 'topic',
  partition: 'partition',
  tier: 'tier',
} as const;

/** Values of the `outcome` attribute of `tributary.events.processed`. */
export const ProcessOutcome = {
  /** The handler succeeded. */
  handled: 'handled',
  /** The event id was already done, retrying or dead: skipped. */
  duplicate: 'duplicate',
  /** The service does not handle this event type: skipped and counted, never failed. */
  skippedType: 'skipped_type',
  /** The attempt failed and the record went to a retry tier. */
  retried: 'retried',
  /** The record went to the dead-letter topic. */
  deadLettered: 'dead_lettered',
} as const;
