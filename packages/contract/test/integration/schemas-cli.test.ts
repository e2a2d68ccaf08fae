// The `schemas` command against the live registry: registration, FULL_TRANSITIVE config,
// compatibility checks of good and bad next versions, and failures that name their cause.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { stackEnv, uniqueName } from '../../../../test/support/stack-env.ts';
import { closedPort } from '../support/closed-port.ts';
import { repoRoot, runCli } from '../support/run-cli.ts';

const prefix = `${uniqueName('contract-schemas')}.`;
const subject = `${prefix}webhooks.github.v1-value`;
const scope = ['--prefix', prefix, '--source', 'github'];
const env = { SCHEMA_REGISTRY_URL: stackEnv.schemaRegistryUrl };
const fixtures = 'packages/contract/test/fixtures';
const addsField = `${fixtures}/v3-adds-field-without-default.avsc`;
const removesField = `${fixtures}/v3-removes-field.avsc`;

async function subjectConfig(name: string): Promise<unknown> {
  const response = await fetch(`${stackEnv.schemaRegistryUrl}/config/${name}`);
  return response.json();
}

describe('schemas CLI against the live registry', () => {
  test('--help describes both commands and exits 0', async () => {
    const run = await runCli('schemas', ['--help']);

    assert.equal(run.code, 0);
    assert.ok(run.stdout.some((line) => line.trim().startsWith('register')));
    assert.ok(run.stdout.some((line) => line.trim().startsWith('check')));
  });

  test('register --source with a source the catalog lacks: exit 1, one line, no subject made', async () => {
    const strayPrefix = `${uniqueName('contract-stray')}.`;
    const run = await runCli(
      'schemas',
      ['register', '--prefix', strayPrefix, '--source', 'no-such-source'],
      env,
    );

    assert.equal(run.code, 1);
    assert.equal(run.stderr.length, 1);
    assert.match(run.stderr[0] ?? '', /no-such-source is not in topic catalog/);
    const subjects = (await (
      await fetch(`${stackEnv.schemaRegistryUrl}/subjects`)
    ).json()) as string[];
    assert.ok(!subjects.some((name) => name.startsWith(strayPrefix)), 'nothing registered');
  });

  test('register --through 1 registers v1 under <prefix>webhooks.github.v1-value at FULL_TRANSITIVE', async () => {
    const run = await runCli('schemas', ['register', '--through', '1', ...scope], env);

    assert.equal(run.code, 0, run.stderr.join('\n'));
    assert.deepEqual(run.stdout.slice(0, 1), [`config ${subject} compatibility=FULL_TRANSITIVE`]);
    assert.match(
      run.stdout[1] ?? '',
      new RegExp(`^registered ${subject} v1 id=\\d+ \\(schemas/webhook-envelope/v1\\.avsc\\)$`),
    );
    assert.equal(
      run.stdout.at(-1),
      'done: 1 subjects at FULL_TRANSITIVE, 1 versions registered, 0 already present',
    );
    assert.deepEqual(await subjectConfig(subject), { compatibilityLevel: 'FULL_TRANSITIVE' });
  });

  test('check finds v2 compatible with the registered v1, registering nothing', async () => {
    const run = await runCli('schemas', ['check', ...scope], env);
    const versions = await fetch(`${stackEnv.schemaRegistryUrl}/subjects/${subject}/versions`);

    assert.equal(run.code, 0, run.stderr.join('\n'));
    assert.ok(run.stdout.includes(`compatible ${subject} (schemas/webhook-envelope/v2.avsc)`));
    assert.deepEqual(await versions.json(), [1]);
  });

  test('check refuses a v3 that adds a field without a default, and one that removes a field, each in one line', async () => {
    const run = await runCli('schemas', ['check', ...scope, addsField, removesField], env);

    assert.equal(run.code, 1);
    assert.deepEqual(run.stderr, [
      `incompatible: ${subject}: ${addsField}: it cannot read records of registered version 1 (no matching field for default-less dev.tributary.WebhookEnvelope.tenantId)`,
      `incompatible: ${subject}: ${removesField}: readers of registered version 1 cannot read its records (no matching field for default-less dev.tributary.WebhookEnvelope.contentType)`,
    ]);
    assert.equal(run.stdout.at(-1), 'checked 4: 2 incompatible');
  });

  test('register adds v2 after v1, and a second run registers nothing new', async () => {
    const first = await runCli('schemas', ['register', ...scope], env);
    const second = await runCli('schemas', ['register', ...scope], env);

    assert.equal(first.code, 0, first.stderr.join('\n'));
    assert.match(first.stdout.join('\n'), new RegExp(`registered ${subject} v2 id=\\d+`));
    assert.equal(second.code, 0);
    assert.equal(
      second.stdout.at(-1),
      'done: 1 subjects at FULL_TRANSITIVE, 0 versions registered, 2 already present',
    );
  });

  test('register stops at an incompatible version, says why, and never reports done', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'envelope-bad-'));
    t.after(() => rmSync(dir, { recursive: true }));
    copyFileSync(join(repoRoot, 'schemas/webhook-envelope/v1.avsc'), join(dir, 'v1.avsc'));
    copyFileSync(join(repoRoot, 'schemas/webhook-envelope/v2.avsc'), join(dir, 'v2.avsc'));
    copyFileSync(join(repoRoot, addsField), join(dir, 'v3.avsc'));
    const badScope = ['--prefix', `${uniqueName('contract-bad')}.`, '--source', 'github'];

    const run = await runCli('schemas', ['register', '--schemas-dir', dir, ...badScope], env);

    assert.equal(run.code, 1);
    assert.equal(run.stdout.filter((line) => line.startsWith('registered ')).length, 2);
    assert.ok(!run.stdout.some((line) => line.startsWith('done')), 'no success line');
    assert.equal(run.stderr.length, 1);
    assert.match(
      run.stderr[0] ?? '',
      /^error: incompatible: .*webhooks\.github\.v1-value: v3 \(.*v3\.avsc\) was not registered: it cannot read records of registered version 1 \(no matching field for default-less dev\.tributary\.WebhookEnvelope\.tenantId\)/,
    );
  });

  test('an unreachable registry gives one line naming the URL and exit code 1', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/apis/ccompat/v7`;

    const run = await runCli('schemas', ['register', ...scope], { SCHEMA_REGISTRY_URL: url });

    assert.equal(run.code, 1);
    assert.deepEqual(run.stderr, [
      `error: cannot reach the schema registry at ${url}: ECONNREFUSED`,
    ]);
    assert.deepEqual(run.stdout, []);
  });
});
