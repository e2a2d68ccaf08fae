import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTopicCatalog } from './load-topic-catalog.ts';
import { deriveTopicPlan, forwardHeaderAllowanceBytes } from './topic-plan.ts';

const catalog = parseTopicCatalog(
  `
ingressMaxBodyBytes: 1000
sources:
  - { source: github, major: 1, partitions: 6, retention: 7d, maxMessageBytes: 100000 }
  - { source: slack, major: 1, partitions: 2, retention: 1d, maxMessageBytes: 100000 }
groups:
  - group: notify
    reads: [{ source: github, major: 1 }, { source: slack, major: 1 }]
    tiers: [5s, 1m]
    maxAttempts: 3
    dedupWindow: 2h
    dlqRetention: 14d
`,
  'plan.yaml',
);

describe('deriveTopicPlan', () => {
  const plan = deriveTopicPlan(catalog, 'p.');
  const byName = new Map(plan.map((spec) => [spec.name, spec]));

  test('derives source, retry, DLQ and dedup topics, all prefixed', () => {
    assert.deepEqual(
      plan.map((spec) => `${spec.role} ${spec.name} ${spec.partitions}`),
      [
        'source p.webhooks.github.v1 6',
        'source p.webhooks.slack.v1 2',
        'retry p.webhooks.github.v1.notify.retry.1 6',
        'retry p.webhooks.github.v1.notify.retry.2 6',
        'dlq p.webhooks.github.v1.notify.dlq 6',
        'retry p.webhooks.slack.v1.notify.retry.1 2',
        'retry p.webhooks.slack.v1.notify.retry.2 2',
        'dlq p.webhooks.slack.v1.notify.dlq 2',
        'dedup p.notify.dedup 6',
      ],
    );
  });

  test('the dedup topic is compacted and deleted after the dedup window', () => {
    assert.deepEqual(byName.get('p.notify.dedup')?.configs, {
      'cleanup.policy': 'compact,delete',
      'retention.ms': String(2 * 3_600_000),
    });
  });

  test('retry tiers keep their source retention; DLQs their own; both allow header room', () => {
    const retry = byName.get('p.webhooks.slack.v1.notify.retry.1');
    const dlq = byName.get('p.webhooks.slack.v1.notify.dlq');

    assert.equal(retry?.configs['retention.ms'], String(86_400_000));
    assert.equal(dlq?.configs['retention.ms'], String(14 * 86_400_000));
    assert.equal(dlq?.configs['max.message.bytes'], String(100_000 + forwardHeaderAllowanceBytes));
  });
});
