import type { Attributes } from '@opentelemetry/api';
import { MetricAttribute } from '@tributary/telemetry';

/** `source` of a webhook posted to a name no source is configured under. */
export const unknownSourceLabel = 'unknown';

/** What the webhook counter is told about one answered request. */
export interface AnsweredWebhook {
  /** The source name from the path. */
  readonly source: string;
  /** Whether `source` is configured; an unknown name is counted as {@link unknownSourceLabel}. */
  readonly sourceKnown: boolean;
  /** The event type, once extracted from a verified delivery; absent before that. */
  readonly eventType?: string | undefined;
  /** accepted, handshake, rejected, failed or aborted (as the log line says). */
  readonly outcome: string;
  /** The HTTP status answered. */
  readonly status: number;
}

/**
 * The attributes of `tributary.webhooks.received` for one answer. Label values stay bounded:
 * a path segment naming no configured source is counted as `unknown` (anyone can post to any
 * path), and the event type is only set once the delivery was verified and its type extracted,
 * so a forged request cannot mint new series.
 */
export function webhookMetricAttributes(answered: AnsweredWebhook): Attributes {
  return {
    [MetricAttribute.source]: answered.sourceKnown ? answered.source : unknownSourceLabel,
    ...(answered.eventType === undefined
      ? {}
      : { [MetricAttribute.eventType]: answered.eventType }),
    [MetricAttribute.outcome]: answered.outcome,
    [MetricAttribute.httpStatus]: String(answered.status),
  };
}
