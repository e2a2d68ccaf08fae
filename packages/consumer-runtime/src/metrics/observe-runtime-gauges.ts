import type { ObservableCallback } from '@opentelemetry/api';
import type { Logger } from '@tributary/logger';
import { MetricAttribute, type PipelineMetrics } from '@tributary/telemetry';
import type { DedupStore } from '../dedup/dedup-store.ts';
import type { TopicPartition } from '../schedule/due-scheduler.ts';
import type { LagSample } from './consumer-lag.ts';

/** Longest a scrape waits for the lag's offsets, in milliseconds; past it lag is left out. */
export const LAG_READ_TIMEOUT_MS = 2_000;

/** What {@link observeRuntimeGauges} reads. */
export interface RuntimeGaugesDeps {
  /** The consumer group (prefix included). */
  readonly groupId: string;
  readonly instruments: Pick<PipelineMetrics, 'dlqDepth' | 'consumerLag'>;
  /** The instance's dedup marks. */
  readonly store: Pick<DedupStore, 'deadCount'>;
  /** The partitions assigned at the last rebalance. */
  readonly assignment: () => readonly TopicPartition[];
  /** Reads the lag of the given partitions (`readConsumerLag` over the service's admin). */
  readonly readLag: (assigned: readonly TopicPartition[]) => Promise<LagSample[]>;
  /** Longest one lag read may take; default {@link LAG_READ_TIMEOUT_MS}. */
  readonly lagTimeoutMs?: number;
  readonly logger: Logger;
}

/**
 * Registers the two gauges a consumer instance reports, computed only when metrics are
 * collected (a scrape), never on the processing path; returns the function that removes them.
 *
 * - `tributary.dlq.depth`, by group and dedup partition: event ids whose latest mark this
 *   instance holds says dead — dead-lettered and not redriven since. Reported for every
 *   partition number assigned (0 when none is dead). Costs a map lookup per partition.
 * - `tributary.consumer.lag`, by group, topic and partition: for this instance's assigned
 *   partitions only, so summing over instances counts each once. Read from the broker's offsets
 *   at collection, bounded by `lagTimeoutMs`; concurrent collections share one read, and a read
 *   that fails or times out leaves lag out of that scrape (absent, rather than stale).
 */
export function observeRuntimeGauges(deps: RuntimeGaugesDeps): () => void {
  const { groupId, instruments, logger } = deps;
  const timeoutMs = deps.lagTimeoutMs ?? LAG_READ_TIMEOUT_MS;
  let reading: Promise<LagSample[]> | undefined;
  let failing = false;

  const observeDlqDepth: ObservableCallback = (result) => {
    const numbers = new Set(deps.assignment().map((at) => at.partition));
    for (const partition of numbers) {
      result.observe(deps.store.deadCount(partition), {
        [MetricAttribute.group]: groupId,
        [MetricAttribute.partition]: String(partition),
      });
    }
  };

  const observeLag: ObservableCallback = async (result) => {
    reading ??= withTimeout(deps.readLag(deps.assignment()), timeoutMs).finally(() => {
      reading = undefined;
    });
    try {
      for (const { topic, partition, lag } of await reading) {
        result.observe(lag, {
          [MetricAttribute.group]: groupId,
          [MetricAttribute.topic]: topic,
          [MetricAttribute.partition]: String(partition),
        });
      }
      failing = false;
    } catch (error: unknown) {
      // Once per run of failures: a broker outage would otherwise log on every scrape.
      if (!failing) logger.warn({ err: error }, 'consumer lag not read; left out of the scrape');
      failing = true;
    }
  };

  instruments.dlqDepth.addCallback(observeDlqDepth);
  instruments.consumerLag.addCallback(observeLag);
  return () => {
    instruments.dlqDepth.removeCallback(observeDlqDepth);
    instruments.consumerLag.removeCallback(observeLag);
  };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
