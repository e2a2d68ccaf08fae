import {
  applyTopicPlan,
  createKafkaTopicAdmin,
  deriveTopicPlan,
  groupTopology,
  loadTopicCatalog,
  type TopicCatalog,
} from '@tributary/contract';
import { waitFor } from '../support/wait-for.ts';

/** Consumer groups of the benchmark (under the run's prefix). */
export const benchGroups = Object.freeze({
  /** The no-op service draining the prepared backlog: records per second. */
  throughput: 'bench-noop',
  /** The no-op service following the ingress live, from the end: receipt-to-handled latency. */
  latency: 'bench-e2e',
  /** Not a service: its dedup topic takes the marks the bare baseline with marks writes. */
  marksFloor: 'bench-marks-floor',
});

/**
 * The project's catalog plus the {@link benchGroups}, each reading the GitHub topic: the
 * ingress publishes to the topic the catalog declares, so the service under test reads what
 * the ingress under test wrote. One short tier, since the no-op handler never fails.
 */
export function benchCatalog(): TopicCatalog {
  const catalog = loadTopicCatalog();
  return Object.freeze({
    ...catalog,
    groups: [
      ...catalog.groups,
      ...Object.values(benchGroups).map((group) => ({
        group,
        reads: [{ source: 'github', major: 1 }],
        tierDelaysMs: [1_000],
        maxAttempts: 2,
        dedupWindowMs: 3_600_000,
        dlqRetentionMs: 86_400_000,
      })),
    ],
  });
}

/** The GitHub source topic under `prefix`, as the ingress and the bench groups see it. */
export function benchSourceTopic(prefix: string): string {
  const route = groupTopology(benchCatalog(), benchGroups.throughput, prefix).routes[0];
  if (route === undefined) throw new Error(`${benchGroups.throughput} reads no topic`);
  return route.sourceTopic;
}

/**
 * Creates the GitHub topic and the bench groups' tier, DLQ and dedup topics under `prefix`
 * (only those: the other sources and groups of the catalog are not needed). Idempotent;
 * retried while the broker elects leaders for topics created at the same moment.
 */
export async function applyBenchTopics(brokers: readonly string[], prefix: string): Promise<void> {
  const full = benchCatalog();
  const catalog: TopicCatalog = {
    ...full,
    sources: full.sources.filter((source) => source.source === 'github'),
    groups: full.groups.filter((group) =>
      (Object.values(benchGroups) as string[]).includes(group.group),
    ),
  };
  const admin = createKafkaTopicAdmin({ brokers: [...brokers] });
  await admin.connect();
  try {
    await waitFor(() => applyTopicPlan(admin, deriveTopicPlan(catalog, prefix)).then(() => true), {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: `bench topics under ${prefix}`,
    });
  } finally {
    await admin.disconnect();
  }
}
