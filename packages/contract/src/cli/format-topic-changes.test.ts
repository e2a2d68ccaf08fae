import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTopicChanges } from './format-topic-changes.ts';

const spec = {
  name: 'webhooks.github.v1',
  role: 'source' as const,
  partitions: 3,
  replicationFactor: 1,
  configs: { 'retention.ms': '1000' },
};

test('a run that created topics lists them and counts them', () => {
  const lines = formatTopicChanges({
    dryRun: false,
    nothingChanged: false,
    changes: [
      { kind: 'create', spec },
      { kind: 'unchanged', topic: 'x.dedup' },
    ],
  });

  assert.deepEqual(lines, [
    'created webhooks.github.v1 (partitions=3 replication=1 retention.ms=1000)',
    'unchanged x.dedup',
    '2 topics: created 1, raised partitions of 0, 1 unchanged',
  ]);
});

test('a run with only drift says nothing changed and hints at raising partitions', () => {
  const lines = formatTopicChanges({
    dryRun: false,
    nothingChanged: true,
    changes: [{ kind: 'drift', topic: 'a', setting: 'partitions', actual: '1', wanted: '3' }],
  });

  assert.deepEqual(lines, [
    'drift a partitions: broker has 1, catalog says 3 (rerun with --increase-partitions to raise)',
    'nothing changed: all 1 topics of the catalog exist; 1 settings drifted (reported, not altered)',
  ]);
});
