import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isCliError } from '../errors/cli-error.ts';
import { listExamples, loadPayload } from './load-payload.ts';

const dir = mkdtempSync(join(tmpdir(), 'tributary-cli-payload-'));
const goodFile = join(dir, 'good.json');
const badFile = join(dir, 'bad.json');
writeFileSync(goodFile, '{ "a": 1 }\n');
writeFileSync(badFile, '{ "a": ');

describe('listExamples', () => {
  it('names nested examples by their path, so a Shopify topic keeps its slash', () => {
    assert.deepEqual(listExamples('shopify'), [
      'customers/create',
      'orders/cancelled',
      'orders/create',
      'orders/paid',
      'products/update',
    ]);
  });

  it('for a source without examples, is empty', () => {
    assert.deepEqual(listExamples('no-such-source'), []);
  });
});

describe('loadPayload', () => {
  it('a built-in example name loads its file and reports the name', () => {
    const payload = loadPayload('github', 'push');

    assert.equal(payload.exampleName, 'push');
    assert.equal(payload.origin, 'example github/push');
    assert.equal(
      (JSON.parse(payload.body.toString('utf8')) as { ref: string }).ref,
      'refs/heads/main',
    );
  });

  it('a file path loads the bytes exactly as stored, with no example name', () => {
    const payload = loadPayload('github', goodFile);

    assert.equal(payload.body.toString('utf8'), '{ "a": 1 }\n');
    assert.equal(payload.exampleName, undefined);
  });

  const failures: readonly [string, string, string][] = [
    [
      'neither an example nor a file: unknown_payload listing the examples',
      'nope',
      'unknown_payload',
    ],
    ['a file that is not JSON: payload_invalid', badFile, 'payload_invalid'],
    ['a directory: payload_unreadable', dir, 'payload_unreadable'],
  ];
  for (const [name, argument, code] of failures) {
    it(name, () => {
      assert.throws(
        () => loadPayload('github', argument),
        (error: unknown) => isCliError(error) && error.code === code,
      );
    });
  }

  it('the unknown_payload message lists the source examples', () => {
    assert.throws(
      () => loadPayload('shopify', 'orders/update'),
      (error: unknown) =>
        isCliError(error) &&
        error.message.endsWith(
          '(examples: customers/create, orders/cancelled, orders/create, orders/paid, products/update)',
        ),
    );
  });
});
