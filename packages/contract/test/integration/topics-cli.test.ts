// The `topics apply` command against the live broker: creation with the derived settings,
// idempotence, drift reports, partition raises on request only, and an unreachable broker.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { stackEnv, uniqueName } from '../../../../test/support/stack-env.ts';
import { forwardHeaderAllowanceBytes } from '../../src/catalog/topic-plan.ts';
import { closedPort } from '../support/closed-port.ts';
import { runCli } from '../support/run-cli.ts';

const catalog = 'packages/contract/test/fixtures/catalog-small.yaml';
const env = { KAFKA_BROKERS: stackEnv.brokers.join(',') };
const admin: Admin = new Kafka({
  clientId: 'contract-topics-test',
  brokers: stackEnv.brokers,
  logLevel: logLevel.NOTHING,
}).admin();

/** The five topics catalog-small.yaml implies, under `prefix`. */
function smallCatalogTopics(prefix: string) {
  const source = `${prefix}webhooks.github.v1`;
  return {
    source,
    retry1: `${source}.audit.retry.1`,
    retry2: `${source}.audit.retry.2`,
    dlq: `${source}.audit.dlq`,
    dedup: `${prefix}audit.dedup`,
  };
}

async function topicConfigs(topic: string, names: string[]): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: 2 /* ConfigResourceTypes.TOPIC */, name: topic, configNames: names }],
  });
  return Object.fromEntries(
    (resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]),
  );
}

before(async () => {
  await admin.connect();
});

after(async () => {
  await admin.disconnect();
});

describe('topics apply against the live broker', () => {
  test('--help lists the options and exits 0', async () => {
    const run = await runCli('topics', ['apply', '--help']);

    assert.equal(run.code, 0);
    for (const option of ['--prefix', '--dry-run', '--increase-partitions', '--catalog']) {
      assert.ok(
        run.stdout.some((line) => line.includes(option)),
        option,
      );
    }
  });

  test('creates the derived topics, and a second run says nothing changed', async () => {
    const prefix = `${uniqueName('contract-topics')}.`;
    const names = smallCatalogTopics(prefix);
    const args = ['apply', '--catalog', catalog, '--prefix', prefix];

    const first = await runCli('topics', args, env);
    const second = await runCli('topics', args, env);

    assert.equal(first.code, 0, first.stderr.join('\n'));
    assert.equal(first.stdout.filter((line) => line.startsWith('created ')).length, 5);
    assert.equal(first.stdout.at(-1), '5 topics: created 5, raised partitions of 0, 0 unchanged');
    assert.equal(second.code, 0, second.stderr.join('\n'));
    assert.deepEqual(second.stdout, [
      ...[names.source, names.retry1, names.retry2, names.dlq, names.dedup].map(
        (topic) => `unchanged ${topic}`,
      ),
      'nothing changed: all 5 topics of the catalog exist',
    ]);
  });

  test('the dedup topic is compact,delete with the dedup window; retry tiers follow the source', async () => {
    const prefix = `${uniqueName('contract-topics')}.`;
    const names = smallCatalogTopics(prefix);
    await runCli('topics', ['apply', '--catalog', catalog, '--prefix', prefix], env);

    const dedup = await topicConfigs(names.dedup, ['cleanup.policy', 'retention.ms']);
    const metadata = await admin.fetchTopicMetadata({ topics: [names.retry2, names.dedup] });

    assert.deepEqual(dedup, { 'cleanup.policy': 'compact,delete', 'retention.ms': '3600000' });
    assert.deepEqual(
      metadata.topics.map((t) => t.partitions.length),
      [2, 2],
    );
  });

  test('a drifted setting is reported and left as it is', async () => {
    const prefix = `${uniqueName('contract-topics')}.`;
    const names = smallCatalogTopics(prefix);
    const args = ['apply', '--catalog', catalog, '--prefix', prefix];
    await runCli('topics', args, env);
    // kafkajs speaks the legacy AlterConfigs, which replaces every topic override: the
    // other catalog settings are restated so that only retention.ms drifts.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: 2,
          name: names.dlq,
          configEntries: [
            { name: 'retention.ms', value: '1000' },
            { name: 'cleanup.policy', value: 'delete' },
            { name: 'max.message.bytes', value: String(262_144 + forwardHeaderAllowanceBytes) },
          ],
        },
      ],
    });

    const run = await runCli('topics', args, env);

    assert.equal(run.code, 0);
    assert.ok(
      run.stdout.includes(
        `drift ${names.dlq} retention.ms: broker has 1000, catalog says 2592000000`,
      ),
      run.stdout.join('\n'),
    );
    assert.equal(
      run.stdout.at(-1),
      'nothing changed: all 5 topics of the catalog exist; 1 settings drifted (reported, not altered)',
    );
    assert.equal((await topicConfigs(names.dlq, ['retention.ms']))['retention.ms'], '1000');
  });

  test('partitions below the catalog are raised only with --increase-partitions', async () => {
    const prefix = `${uniqueName('contract-topics')}.`;
    const names = smallCatalogTopics(prefix);
    const args = ['apply', '--catalog', catalog, '--prefix', prefix];
    await admin.createTopics({
      topics: [{ topic: names.source, numPartitions: 1 }],
      waitForLeaders: true,
    });

    const reported = await runCli('topics', args, env);
    const raised = await runCli('topics', [...args, '--increase-partitions'], env);
    const metadata = await admin.fetchTopicMetadata({ topics: [names.source] });

    assert.ok(
      reported.stdout.includes(
        `drift ${names.source} partitions: broker has 1, catalog says 2 (rerun with --increase-partitions to raise)`,
      ),
      reported.stdout.join('\n'),
    );
    assert.ok(
      raised.stdout.includes(`raised ${names.source} partitions 1 -> 2`),
      raised.stdout.join('\n'),
    );
    assert.equal(metadata.topics[0]?.partitions.length, 2);
  });

  test('--dry-run on the repository catalog lists what it would create and creates nothing', async () => {
    const prefix = `${uniqueName('contract-dry')}.`;

    const run = await runCli('topics', ['apply', '--dry-run', '--prefix', prefix], env);
    const existing = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));

    assert.equal(run.code, 0, run.stderr.join('\n'));
    assert.ok(
      run.stdout.some((line) => line.startsWith(`would create ${prefix}webhooks.github.v1 `)),
    );
    assert.match(run.stdout.at(-1) ?? '', /^dry run: \d+ topics: would create \d+/);
    assert.deepEqual(existing, []);
  });

  test('an unreachable broker gives one line naming the address and exit code 1, quickly', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const started = Date.now();

    const run = await runCli('topics', ['apply', '--catalog', catalog], { KAFKA_BROKERS: address });

    assert.equal(run.code, 1);
    assert.equal(run.stderr.length, 1, run.stderr.join('\n'));
    assert.match(
      run.stderr[0] ?? '',
      new RegExp(`^error: cannot reach Kafka at ${address} \\(connect\\): `),
    );
    assert.ok(Date.now() - started < 15_000, 'bounded connection retries');
  });
});
