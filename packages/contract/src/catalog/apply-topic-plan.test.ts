import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyTopicPlan } from './apply-topic-plan.ts';
import type { ExistingTopic, TopicAdminPort } from './topic-admin-port.ts';
import type { TopicSpec } from './topic-plan.ts';

/** A broker in memory: topics keep exactly what they were created with. */
function fakeAdmin(initial: Record<string, ExistingTopic> = {}) {
  const topics = new Map(Object.entries(initial));
  const calls: string[] = [];
  const admin: TopicAdminPort = {
    async describeTopics(names, configNames) {
      const found = names.flatMap((name) => {
        const topic = topics.get(name);
        if (topic === undefined) return [];
        const configs = Object.fromEntries(
          configNames.map((c) => [c, topic.configs[c] ?? 'default']),
        );
        return [[name, { ...topic, configs }] as const];
      });
      return new Map(found);
    },
    async createTopics(specs) {
      calls.push(`create ${specs.map((s) => s.name).join(',')}`);
      for (const spec of specs) {
        topics.set(spec.name, {
          partitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          configs: { ...spec.configs },
        });
      }
    },
    async raisePartitions(topic, count) {
      calls.push(`raise ${topic} ${count}`);
      const current = topics.get(topic);
      if (current !== undefined) topics.set(topic, { ...current, partitions: count });
    },
  };
  return { admin, calls };
}

const spec = (name: string, partitions = 3): TopicSpec => ({
  name,
  role: 'source',
  partitions,
  replicationFactor: 1,
  configs: { 'retention.ms': '1000' },
});
const plan = [spec('a'), spec('b')];

describe('applyTopicPlan', () => {
  test('creates missing topics, and a second run finds nothing to change', async () => {
    const { admin, calls } = fakeAdmin();

    const first = await applyTopicPlan(admin, plan);
    const second = await applyTopicPlan(admin, plan);

    assert.deepEqual(calls, ['create a,b']);
    assert.equal(first.nothingChanged, false);
    assert.equal(second.nothingChanged, true);
    assert.deepEqual(
      second.changes.map((c) => c.kind),
      ['unchanged', 'unchanged'],
    );
  });

  test('a dry run reports what it would create and changes nothing', async () => {
    const { admin, calls } = fakeAdmin();

    const result = await applyTopicPlan(admin, plan, { dryRun: true });

    assert.deepEqual(calls, []);
    assert.deepEqual(
      result.changes.map((c) => c.kind),
      ['create', 'create'],
    );
    assert.equal(result.dryRun, true);
  });

  test('a drifted config is reported and left alone', async () => {
    const { admin, calls } = fakeAdmin({
      a: { partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '5' } },
    });

    const result = await applyTopicPlan(admin, [spec('a')]);

    assert.deepEqual(calls, []);
    assert.deepEqual(result.changes, [
      { kind: 'drift', topic: 'a', setting: 'retention.ms', actual: '5', wanted: '1000' },
    ]);
    assert.equal(result.nothingChanged, true);
  });

  const partitionCases = [
    {
      name: 'fewer partitions without --increase-partitions are drift',
      have: 1,
      increase: false,
      kind: 'drift',
      calls: [],
    },
    {
      name: 'fewer partitions with --increase-partitions are raised',
      have: 1,
      increase: true,
      kind: 'raise-partitions',
      calls: ['raise a 3'],
    },
    {
      name: 'more partitions are drift even with --increase-partitions',
      have: 6,
      increase: true,
      kind: 'drift',
      calls: [],
    },
  ];
  for (const { name, have, increase, kind, calls: expected } of partitionCases) {
    test(name, async () => {
      const { admin, calls } = fakeAdmin({
        a: { partitions: have, replicationFactor: 1, configs: { 'retention.ms': '1000' } },
      });

      const result = await applyTopicPlan(admin, [spec('a')], { increasePartitions: increase });

      assert.deepEqual(
        result.changes.map((c) => c.kind),
        [kind],
      );
      assert.deepEqual(calls, expected);
    });
  }
});
