import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { loadTopicCatalog, parseTopicCatalog } from './load-topic-catalog.ts';

/** A valid catalog document; cases change one thing. */
function baseCatalog() {
  return {
    ingressMaxBodyBytes: 1_048_576,
    sources: [
      { source: 'github', major: 1, partitions: 3, retention: '7d', maxMessageBytes: 2_097_152 },
    ],
    groups: [
      {
        group: 'audit',
        reads: [{ source: 'github', major: 1 }],
        tiers: ['5s', '1m', '10m'],
        maxAttempts: 4,
        dedupWindow: '1d',
      },
    ],
  };
}

describe('parseTopicCatalog', () => {
  test('the repository catalog loads, frozen, with durations in milliseconds', () => {
    const catalog = loadTopicCatalog();

    assert.ok(catalog.sources.length > 0);
    assert.ok(Object.isFrozen(catalog) && Object.isFrozen(catalog.groups[0]?.tierDelaysMs));
    assert.ok(catalog.groups.every((g) => g.tierDelaysMs.every((ms) => Number.isInteger(ms))));
  });

  test('applies defaults: replication 1, DLQ retention 30 days', () => {
    const catalog = parseTopicCatalog(stringify(baseCatalog()), 'c.yaml');

    assert.equal(catalog.replicationFactor, 1);
    assert.equal(catalog.groups[0]?.dlqRetentionMs, 30 * 86_400_000);
    assert.deepEqual(catalog.groups[0]?.tierDelaysMs, [5_000, 60_000, 600_000]);
  });

  type Doc = ReturnType<typeof baseCatalog>;
  const group = (doc: Doc) => doc.groups[0] as Doc['groups'][number];
  const source = (doc: Doc) => doc.sources[0] as Doc['sources'][number];
  const invalid: Array<{ name: string; change: (doc: Doc) => unknown; message: RegExp }> = [
    {
      name: 'an unknown key',
      change: (d) => Object.assign(d, { retries: 3 }),
      message: /Unrecognized key/,
    },
    {
      name: 'a tier that is not a duration',
      change: (d) => {
        group(d).tiers = ['5s', 'soon'];
      },
      message: /groups\.0\.tiers\.1: "soon" is not a duration/,
    },
    {
      name: 'decreasing tiers',
      change: (d) => {
        group(d).tiers = ['1m', '5s'];
      },
      message: /tier delays must not decrease/,
    },
    {
      name: 'more tiers than retries',
      change: (d) => {
        group(d).maxAttempts = 3;
      },
      message: /3 tiers need maxAttempts of at least 4/,
    },
    {
      name: 'retries without tiers',
      change: (d) => {
        group(d).tiers = [];
      },
      message: /needs at least one tier/,
    },
    {
      name: 'a dedup window shorter than the retries',
      change: (d) => {
        group(d).dedupWindow = '10m';
      },
      message: /dedupWindow: must exceed the 665000 ms/,
    },
    {
      name: 'a group reading an undeclared source',
      change: (d) => {
        group(d).reads = [{ source: 'stripe', major: 1 }];
      },
      message: /reads stripe\.v1, which sources does not declare/,
    },
    {
      name: 'a tier outliving retention',
      change: (d) => {
        source(d).retention = '5m';
      },
      message: /reaches the 300000 ms retention/,
    },
    {
      name: 'max.message.bytes at the body limit',
      change: (d) => {
        source(d).maxMessageBytes = 1_048_576;
      },
      message: /maxMessageBytes: must be at least/,
    },
    {
      name: 'a duplicate source topic',
      change: (d) => void d.sources.push({ ...source(d) }),
      message: /source topic github\.v1 is declared twice/,
    },
    {
      name: 'a duplicate group',
      change: (d) => void d.groups.push({ ...group(d) }),
      message: /group audit is declared twice/,
    },
    {
      name: 'a source name Kafka cannot carry',
      change: (d) => {
        source(d).source = 'git hub';
      },
      message: /sources\.0: source name "git hub"/,
    },
    {
      name: 'zero partitions',
      change: (d) => {
        source(d).partitions = 0;
      },
      message: /sources\.0\.partitions/,
    },
  ];
  for (const { name, change, message } of invalid) {
    test(`refuses ${name} with CATALOG_INVALID naming the file and path`, () => {
      const doc = baseCatalog();
      change(doc);

      assert.throws(() => parseTopicCatalog(stringify(doc), 'c.yaml'), {
        code: 'CATALOG_INVALID',
        message: new RegExp(`c\\.yaml is invalid: .*${message.source}`),
      });
    });
  }

  test('refuses text that is not YAML', () => {
    assert.throws(() => parseTopicCatalog('sources: [unclosed', 'c.yaml'), {
      code: 'CATALOG_INVALID',
      message: /c\.yaml is not valid YAML/,
    });
  });

  test('a missing file fails with CATALOG_UNREADABLE', () => {
    assert.throws(() => loadTopicCatalog('/nonexistent/catalog.yaml'), {
      code: 'CATALOG_UNREADABLE',
    });
  });
});
