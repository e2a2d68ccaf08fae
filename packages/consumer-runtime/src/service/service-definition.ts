import type { SourceTopicRef, WebhookEnvelope } from '@tributary/contract';
import type { Logger } from '@tributary/logger';

/** What a handler gets besides the event. */
export interface HandlerContext {
  /** Aborted when the handler timeout passes, or when shutdown passes its bound. */
  readonly signal: AbortSignal;
  /** This attempt's number: 1 for the first delivery, 2 for the first retry... */
  readonly attempt: number;
  /** How many times the record was sent back from the DLQ (0 when never). */
  readonly redriveCount: number;
  /** The service logger bound to the event id, event type, topic, partition and offset. */
  readonly logger: Logger;
  /** The record's headers as text, one value per name. */
  readonly headers: Readonly<Record<string, string>>;
  /** Topic the record was read from (the source topic or a retry tier). */
  readonly topic: string;
  /** Its partition. */
  readonly partition: number;
  /** Its offset. */
  readonly offset: string;
  /**
   * The record's offset in its source topic (for a tier copy, the original's). Records of
   * one key share a source partition, so this orders them as the ingress accepted them: the
   * tie-break when two versions of an entity compare equal (see the README, "Ordering").
   */
  readonly sourceOffset: string;
}

/**
 * The one function a service writes. Resolving means handled: the event is marked done.
 * Throwing means failed: `PermanentError` sends it to the DLQ now, `RetryAfterError` asks for
 * a later retry, anything else is retried through the tiers until `maxAttempts`. The same
 * event can reach a handler more than once (a crash between the handler and the commit), so
 * effects outside Kafka are written idempotently, keyed by `event.eventId`.
 */
export type EventHandler<E = WebhookEnvelope> = (
  event: E,
  context: HandlerContext,
) => Promise<void>;

/**
 * A consumer service: everything a team writes. Tiers, attempts and the dedup window come
 * from the topic catalog entry of the group named `name`; nothing here restates them.
 */
export interface ServiceDefinition<E = WebhookEnvelope> {
  /** Service name = consumer group name in the topic catalog (the prefix is added at start). */
  name: string;
  /** Event types the handler takes; records of other types are skipped and counted. */
  eventTypes: readonly string[];
  /** The handler. */
  handler: EventHandler<E>;
  /** Source topics to read: a subset of the group's catalog `reads`. Default: all of them. */
  sources?: readonly SourceTopicRef[];
  /** Partitions processed at once; records of one partition always run one by one. Default 1. */
  concurrency?: number;
  /** Longest one handler run may take, in ms; must stay below the rebalance timeout. Default 30 000. */
  handlerTimeoutMs?: number;
  /** Where a group without committed offsets starts on the source topics. Default `earliest`. */
  startFrom?: 'earliest' | 'latest';
}
