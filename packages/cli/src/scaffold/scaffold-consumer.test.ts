import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultCatalogFile, loadTopicCatalog } from '@tributary/contract';
import { isCliError } from '../errors/cli-error.ts';
import { scaffoldConsumer } from './scaffold-consumer.ts';

/** A scratch root holding a copy of the repository's catalog. */
function scratchRoot(): { root: string; catalogFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'tributary-scaffold-'));
  mkdirSync(join(root, 'deploy'));
  const catalogFile = join(root, 'deploy', 'catalog.yaml');
  copyFileSync(defaultCatalogFile, catalogFile);
  return { root, catalogFile };
}

describe('scaffoldConsumer', () => {
  it('writes the service from the template and adds its group to the catalog', () => {
    const { root, catalogFile } = scratchRoot();

    const done = scaffoldConsumer({
      name: 'order-audit',
      sources: ['stripe', 'github'],
      eventTypes: ['push', "it's"],
      root,
      catalogFile,
    });

    assert.deepEqual(done.files, [
      'services/order-audit/README.md',
      'services/order-audit/package.json',
      'services/order-audit/src/handler.ts',
      'services/order-audit/src/main.ts',
      'services/order-audit/test/order-audit.test.ts',
    ]);
    const read = (path: string) => readFileSync(join(root, 'services/order-audit', path), 'utf8');
    assert.equal(JSON.parse(read('package.json')).name, '@tributary/order-audit');
    assert.match(
      read('src/handler.ts'),
      /name: 'order-audit',\n.*\n {2}eventTypes: \['push', 'it\\'s'\],/,
    );
    assert.match(read('README.md'), /reads `webhooks\.stripe\.v1`, `webhooks\.github\.v1`/);
    assert.doesNotMatch(Object.values(['README.md', 'src/main.ts']).map(read).join(''), /\{\{/);
    const group = loadTopicCatalog(catalogFile).groups.find((g) => g.group === 'order-audit');
    assert.deepEqual(group?.reads, [
      { source: 'stripe', major: 1 },
      { source: 'github', major: 1 },
    ]);
    assert.deepEqual(readdirSync(join(root, 'services')), ['order-audit']);
  });

  it('a source given twice is read once', () => {
    const { root, catalogFile } = scratchRoot();

    scaffoldConsumer({
      name: 'twice',
      sources: ['stripe', 'stripe'],
      eventTypes: ['charge.refunded'],
      root,
      catalogFile,
    });

    const group = loadTopicCatalog(catalogFile).groups.find((g) => g.group === 'twice');
    assert.deepEqual(group?.reads, [{ source: 'stripe', major: 1 }]);
  });

  it('refuses to overwrite an existing service and leaves the catalog untouched', () => {
    const { root, catalogFile } = scratchRoot();
    const options = { name: 'demo', sources: ['stripe'], eventTypes: ['x'], root, catalogFile };
    scaffoldConsumer(options);
    const catalogBefore = readFileSync(catalogFile, 'utf8');
    const handlerBefore = readFileSync(join(root, 'services/demo/src/handler.ts'), 'utf8');

    assert.throws(
      () => scaffoldConsumer({ ...options, eventTypes: ['y'] }),
      (error: unknown) => isCliError(error, 'consumer_exists') && error.exitCode === 1,
    );
    assert.equal(readFileSync(catalogFile, 'utf8'), catalogBefore);
    assert.equal(readFileSync(join(root, 'services/demo/src/handler.ts'), 'utf8'), handlerBefore);
  });

  const refused: readonly [string, string, string[], string, RegExp][] = [
    [
      'a group the catalog has already',
      'ledger',
      ['stripe'],
      'consumer_exists',
      /already has a group/,
    ],
    ['a source the catalog lacks', 'demo', ['gitlab'], 'usage', /source gitlab is not in/],
    ['a name that is not kebab-case', 'Demo', ['stripe'], 'consumer_name_invalid', /kebab-case/],
  ];
  for (const [name, service, sources, code, message] of refused) {
    it(`refuses ${name} (${code}) and writes nothing`, () => {
      const { root, catalogFile } = scratchRoot();
      const before = readFileSync(catalogFile, 'utf8');

      assert.throws(
        () => scaffoldConsumer({ name: service, sources, eventTypes: ['x'], root, catalogFile }),
        (error: unknown) => isCliError(error) && error.code === code && message.test(error.message),
      );
      assert.equal(readFileSync(catalogFile, 'utf8'), before);
      assert.equal(existsSync(join(root, 'services')), false);
    });
  }
});
