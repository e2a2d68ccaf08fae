import {
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  metrics,
  type ObservableGauge,
  type UpDownCounter,
} from '@opentelemetry/api';
import { MetricName } from './metric-names.ts';

/** Name of the meter every Tributary instrument belongs to. */
export const TRIBUTARY_METER = 'tributary';

/**
 * Bucket bounds of the receipt-to-processed histogram, in milliseconds: fine below a second
 * (where a healthy pipeline sits), coarse up to the longest retry tiers (tens of minutes).
 */
export const LATENCY_BUCKETS_MS = Object.freeze([
  5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000,
  1_800_000,
]);

/** Tributary's instruments, created once per process from {@link createPipelineMetrics}. */
export interface PipelineMetrics {
  webhooksReceived: Counter<Attributes>;
  publishesInFlight: UpDownCounter<Attributes>;
  eventsProcessed: Counter<Attributes>;
  receiptToProcessedMs: Histogram<Attributes>;
  retriesForwarded: Counter<Attributes>;
  /** Register the callback that reports DLQ depth (records not yet redriven). */
  dlqDepth: ObservableGauge<Attributes>;
  /** Register the callback that reports consumer lag. */
  consumerLag: ObservableGauge<Attributes>;
}

/**
 * Creates the instruments on `meter` (default: the global meter named `tributary`). Without
 * the telemetry bootstrap the global meter is a no-op, so code can record unconditionally.
 */
export function createPipelineMetrics(
  meter: Meter = metrics.getMeter(TRIBUTARY_METER),
): PipelineMetrics {
  return {
    webhooksReceived: meter.createCounter(MetricName.webhooksReceived, {
      description: 'Webhooks the ingress answered',
    }),
    publishesInFlight: meter.createUpDownCounter(MetricName.publishesInFlight, {
      description: 'Publishes to Kafka not yet acknowledged',
    }),
    eventsProcessed: meter.createCounter(MetricName.eventsProcessed, {
      description: 'Records a consumer service finished with',
    }),
    receiptToProcessedMs: meter.createHistogram(MetricName.receiptToProcessed, {
      description: 'Time from webhook receipt at the ingress to a consumer finishing it',
      unit: 'ms',
      advice: { explicitBucketBoundaries: [...LATENCY_BUCKETS_MS] },
    }),
    retriesForwarded: meter.createCounter(MetricName.retriesForwarded, {
      description: 'Records forwarded to a retry tier',
    }),
    dlqDepth: meter.createObservableGauge(MetricName.dlqDepth, {
      description: 'Dead-lettered records not yet redriven',
    }),
    consumerLag: meter.createObservableGauge(MetricName.consumerLag, {
      description: 'Records not yet committed by the consumer group',
    }),
  };
}
