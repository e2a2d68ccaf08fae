import type { TopicAdminPort } from './topic-admin-port.ts';
import type { TopicSpec } from './topic-plan.ts';

/** Options for {@link applyTopicPlan}. */
export interface ApplyTopicPlanOptions {
  /** Report what would change without changing anything. Default false. */
  dryRun?: boolean;
  /** Raise partition counts below the catalog's; otherwise they are reported. Default false. */
  increasePartitions?: boolean;
}

/** One thing apply found or did for a topic. */
export type TopicChange =
  | { readonly kind: 'create'; readonly spec: TopicSpec }
  | {
      readonly kind: 'raise-partitions';
      readonly topic: string;
      readonly from: number;
      readonly to: number;
    }
  | {
      readonly kind: 'drift';
      readonly topic: string;
      readonly setting: string;
      readonly actual: string;
      readonly wanted: string;
    }
  | { readonly kind: 'unchanged'; readonly topic: string };

/** The outcome of {@link applyTopicPlan}. */
export interface ApplyTopicPlanResult {
  /** Per topic, in plan order: created, partitions raised, drifted settings or unchanged. */
  readonly changes: readonly TopicChange[];
  /** True when nothing was (or, in a dry run, would be) created or raised. */
  readonly nothingChanged: boolean;
  /** Whether this was a dry run. */
  readonly dryRun: boolean;
}

/**
 * Brings the broker in line with `plan` without ever deleting: creates missing topics,
 * raises partition counts only when `increasePartitions` is set, and reports every other
 * difference (configs, replication, partitions) as drift, unchanged. Idempotent: a second
 * run after a successful one finds nothing to do.
 */
export async function applyTopicPlan(
  admin: TopicAdminPort,
  plan: readonly TopicSpec[],
  options: ApplyTopicPlanOptions = {},
): Promise<ApplyTopicPlanResult> {
  const { dryRun = false, increasePartitions = false } = options;
  const configNames = [...new Set(plan.flatMap((spec) => Object.keys(spec.configs)))];
  const existing = await admin.describeTopics(
    plan.map((spec) => spec.name),
    configNames,
  );

  const changes = plan.flatMap((spec): TopicChange[] => {
    const current = existing.get(spec.name);
    return current === undefined
      ? [{ kind: 'create', spec }]
      : compare(spec, current, increasePartitions);
  });

  if (!dryRun) {
    const creates = changes.flatMap((change) => (change.kind === 'create' ? [change.spec] : []));
    if (creates.length > 0) await admin.createTopics(creates);
    for (const change of changes) {
      if (change.kind === 'raise-partitions') await admin.raisePartitions(change.topic, change.to);
    }
  }
  const nothingChanged = !changes.some((c) => c.kind === 'create' || c.kind === 'raise-partitions');
  return { changes, nothingChanged, dryRun };
}

function compare(
  spec: TopicSpec,
  current: {
    partitions: number;
    replicationFactor: number;
    configs: Readonly<Record<string, string>>;
  },
  increasePartitions: boolean,
): TopicChange[] {
  const drift = (setting: string, actual: unknown, wanted: unknown): TopicChange => ({
    kind: 'drift',
    topic: spec.name,
    setting,
    actual: String(actual),
    wanted: String(wanted),
  });
  const changes: TopicChange[] = [];

  if (current.partitions < spec.partitions && increasePartitions) {
    changes.push({
      kind: 'raise-partitions',
      topic: spec.name,
      from: current.partitions,
      to: spec.partitions,
    });
  } else if (current.partitions !== spec.partitions) {
    changes.push(drift('partitions', current.partitions, spec.partitions));
  }
  if (current.replicationFactor !== spec.replicationFactor) {
    changes.push(drift('replication factor', current.replicationFactor, spec.replicationFactor));
  }
  for (const [name, wanted] of Object.entries(spec.configs)) {
    const actual = current.configs[name] ?? '(unset)';
    if (actual !== wanted) changes.push(drift(name, actual, wanted));
  }
  return changes.length > 0 ? changes : [{ kind: 'unchanged', topic: spec.name }];
}
