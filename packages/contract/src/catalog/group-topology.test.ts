import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupTopology } from './group-topology.ts';
import { parseTopicCatalog } from './load-topic-catalog.ts';

const catalog = parseTopicCatalog(
  `
ingressMaxBodyBytes: 1000
sources: [{ source: github, major: 1, partitions: 4, retention: 7d, maxMessageBytes: 100000 }]
groups:
  - { group: audit, reads: [{ source: github, major: 1 }], tiers: [5s, 1m], maxAttempts: 3, dedupWindow: 1d }
`,
  'topology.yaml',
);

test('a group topology carries its prefixed names, tier delays and dedup window', () => {
  const topology = groupTopology(catalog, 'audit', 'run1.');

  assert.deepEqual(JSON.parse(JSON.stringify(topology)), {
    groupId: 'run1.audit',
    dedupTopic: 'run1.audit.dedup',
    dedupWindowMs: 86_400_000,
    maxAttempts: 3,
    routes: [
      {
        sourceTopic: 'run1.webhooks.github.v1',
        partitions: 4,
        tiers: [
          { tier: 1, topic: 'run1.webhooks.github.v1.audit.retry.1', delayMs: 5_000 },
          { tier: 2, topic: 'run1.webhooks.github.v1.audit.retry.2', delayMs: 60_000 },
        ],
        dlqTopic: 'run1.webhooks.github.v1.audit.dlq',
      },
    ],
  });
  assert.ok(Object.isFrozen(topology.routes[0]?.tiers));
});

test('an undeclared group fails with CATALOG_ENTRY_UNKNOWN', () => {
  assert.throws(() => groupTopology(catalog, 'billing'), {
    code: 'CATALOG_ENTRY_UNKNOWN',
    message: /topology\.yaml declares no group "billing"/,
  });
});
