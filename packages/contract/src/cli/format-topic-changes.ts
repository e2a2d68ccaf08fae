import type { ApplyTopicPlanResult, TopicChange } from '../catalog/apply-topic-plan.ts';

/**
 * The lines `topics apply` prints: one per topic (created, raised, drifted setting or
 * unchanged), then a summary that says plainly when nothing changed.
 */
export function formatTopicChanges(result: ApplyTopicPlanResult): string[] {
  const lines = result.changes.map((change) => formatChange(change, result.dryRun));
  const count = (kind: TopicChange['kind']) => result.changes.filter((c) => c.kind === kind).length;
  const topics = new Set(result.changes.map((c) => (c.kind === 'create' ? c.spec.name : c.topic)))
    .size;
  const drifted = count('drift');
  const driftNote = drifted > 0 ? `; ${drifted} settings drifted (reported, not altered)` : '';

  if (result.nothingChanged) {
    lines.push(`nothing changed: all ${topics} topics of the catalog exist${driftNote}`);
  } else {
    const verb = result.dryRun ? 'would create' : 'created';
    const raise = result.dryRun ? 'would raise' : 'raised';
    lines.push(
      `${result.dryRun ? 'dry run: ' : ''}${topics} topics: ${verb} ${count('create')}, ${raise} partitions of ${count('raise-partitions')}, ${count('unchanged')} unchanged${driftNote}`,
    );
  }
  return lines;
}

function formatChange(change: TopicChange, dryRun: boolean): string {
  switch (change.kind) {
    case 'create': {
      const { spec } = change;
      const configs = Object.entries(spec.configs).map(([name, value]) => `${name}=${value}`);
      const settings = [
        `partitions=${spec.partitions}`,
        `replication=${spec.replicationFactor}`,
        ...configs,
      ];
      return `${dryRun ? 'would create' : 'created'} ${spec.name} (${settings.join(' ')})`;
    }
    case 'raise-partitions':
      return `${dryRun ? 'would raise' : 'raised'} ${change.topic} partitions ${change.from} -> ${change.to}`;
    case 'drift': {
      const hint =
        change.setting === 'partitions' && Number(change.actual) < Number(change.wanted)
          ? ' (rerun with --increase-partitions to raise)'
          : '';
      return `drift ${change.topic} ${change.setting}: broker has ${change.actual}, catalog says ${change.wanted}${hint}`;
    }
    case 'unchanged':
      return `unchanged ${change.topic}`;
  }
}
