import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultCatalogFile, parseTopicCatalog } from '@tributary/contract';
import { isCliError } from '../errors/cli-error.ts';
import { addCatalogGroup } from './add-catalog-group.ts';

const repoCatalog = readFileSync(defaultCatalogFile, 'utf8');
const entry = { group: 'demo', reads: [{ source: 'stripe', major: 1 }] };

describe('addCatalogGroup', () => {
  it("on the repository's catalog, only adds lines: every comment and line stays as it was", () => {
    const updated = addCatalogGroup(repoCatalog, 'catalog.yaml', entry);

    const block = [
      "  # Added by 'tributary new consumer demo'.",
      '  - group: demo',
      '    reads:',
      '      - { source: stripe, major: 1 }',
      '    tiers: [5s, 1m, 10m]',
      '    maxAttempts: 4',
      '    dedupWindow: 7d',
      '    dlqRetention: 30d',
    ].join('\n');
    assert.ok(updated.includes(`\n${block}\n`), updated);
    assert.equal(updated.replace(`\n${block}`, ''), repoCatalog);
    const demo = parseTopicCatalog(updated, 'x').groups.find((group) => group.group === 'demo');
    assert.deepEqual(demo, {
      group: 'demo',
      reads: [{ source: 'stripe', major: 1 }],
      tierDelaysMs: [5_000, 60_000, 600_000],
      maxAttempts: 4,
      dedupWindowMs: 7 * 86_400_000,
      dlqRetentionMs: 30 * 86_400_000,
    });
  });

  it('keeps a comment that follows the list and inserts the entry before it', () => {
    const text = [
      'ingressMaxBodyBytes: 1024',
      'sources:',
      '  - { source: s, major: 1, partitions: 1, retention: 1d, maxMessageBytes: 70000 }',
      'groups:',
      '    - group: a # first',
      '      reads: [{ source: s, major: 1 }]',
      '      tiers: [1s]',
      '      maxAttempts: 2',
      '      dedupWindow: 1h',
      '# the end',
      '',
    ].join('\n');

    const updated = addCatalogGroup(text, 'c.yaml', {
      group: 'b',
      reads: [{ source: 's', major: 1 }],
    });

    assert.match(updated, /dedupWindow: 1h\n {4}# Added by .*\n {4}- group: b\n/);
    assert.match(updated, /group: a # first/);
    assert.ok(updated.endsWith('    dlqRetention: 30d\n# the end\n'));
    assert.deepEqual(
      parseTopicCatalog(updated, 'c.yaml').groups.map((group) => group.group),
      ['a', 'b'],
    );
  });

  it('adds a groups list to a catalog without one', () => {
    const text =
      'ingressMaxBodyBytes: 1024\nsources:\n  - { source: s, major: 1, partitions: 1, retention: 1d, maxMessageBytes: 70000 }\n';

    const updated = addCatalogGroup(text, 'c.yaml', {
      group: 'b',
      reads: [{ source: 's', major: 1 }],
    });

    assert.ok(updated.startsWith(text));
    assert.deepEqual(
      parseTopicCatalog(updated, 'c.yaml').groups.map((group) => group.group),
      ['b'],
    );
  });

  const refused: readonly [string, string, string, RegExp][] = [
    ['a group that exists', repoCatalog, 'consumer_exists', /already has a group ledger/],
    ['text that is not a mapping', '- a\n- b\n', 'catalog_unwritable', /not a YAML mapping/],
    [
      'a flow-style groups list',
      'ingressMaxBodyBytes: 1\ngroups: []\n',
      'catalog_unwritable',
      /not a block list/,
    ],
  ];
  for (const [name, text, code, message] of refused) {
    it(`refuses ${name} (${code})`, () => {
      assert.throws(
        () => addCatalogGroup(text, 'c.yaml', { ...entry, group: 'ledger' }),
        (error: unknown) => isCliError(error) && error.code === code && message.test(error.message),
      );
    });
  }

  it('an entry the catalog rules refuse is not returned: the contract error says why', () => {
    assert.throws(
      () => addCatalogGroup(repoCatalog, 'c.yaml', { ...entry, dedupWindow: '1m' }),
      /dedupWindow: must exceed/,
    );
  });
});
