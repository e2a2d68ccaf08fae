// `tributary topics|schemas|stack` against the live local stack: the same contract functions as
// the contract's own scripts, exit codes, and the stack script's exit code passed through.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { stackEnv, uniqueName } from '../../../../test/support/stack-env.ts';
import { repoRoot, runTributary } from '../support/run-tributary.ts';

const catalog = 'packages/contract/test/fixtures/catalog-small.yaml';
const kafkaEnv = { KAFKA_BROKERS: stackEnv.brokers.join(',') };
const registryEnv = { SCHEMA_REGISTRY_URL: stackEnv.schemaRegistryUrl };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port was bound');
  return address.port;
}

function stackScriptExitCode(args: readonly string[]): Promise<number | null> {
  const child = spawn('bash', ['deploy/local/stack', ...args], {
    cwd: repoRoot,
    env: { ...process.env, TRIBUTARY_SKIP_INSTALL: '1' },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
}

describe('tributary topics apply', () => {
  const prefix = `${uniqueName('cli-topics')}.`;
  const apply = ['topics', 'apply', '--prefix', prefix, '--catalog', catalog];

  test('--dry-run lists the five topics it would create and creates nothing', async () => {
    const first = await runTributary([...apply, '--dry-run'], kafkaEnv);
    const second = await runTributary([...apply, '--dry-run'], kafkaEnv);

    assert.equal(first.code, 0, first.stderr.join('\n'));
    assert.equal(first.stdout.filter((line) => line.startsWith('would create ')).length, 5);
    assert.deepEqual(second.stdout, first.stdout);
  });

  test('creates the topics, then a second run changes nothing; both exit 0', async () => {
    const first = await runTributary(apply, kafkaEnv);
    const second = await runTributary(apply, kafkaEnv);

    assert.equal(first.code, 0, first.stderr.join('\n'));
    assert.equal(first.stdout.filter((line) => line.startsWith(`created ${prefix}`)).length, 5);
    assert.ok(first.stdout.some((line) => line.startsWith(`created ${prefix}audit.dedup `)));
    assert.equal(second.code, 0);
    assert.match(second.stdout.at(-1) ?? '', /^nothing changed: all 5 topics/);
  });

  test('an unreachable broker gives one error line and exit 1', async () => {
    const run = await runTributary(apply, { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` });

    assert.equal(run.code, 1);
    assert.equal(run.stderr.length, 1, run.stderr.join('\n'));
    assert.match(run.stderr[0] ?? '', /^error: .*127\.0\.0\.1:\d+/);
  });
});

describe('tributary schemas', () => {
  const prefix = `${uniqueName('cli-schemas')}.`;
  const scope = ['--prefix', prefix, '--source', 'github'];

  test('register --through 1 then check: both exit 0, check finds every version compatible', async () => {
    const register = await runTributary(
      ['schemas', 'register', '--through', '1', ...scope],
      registryEnv,
    );
    const check = await runTributary(['schemas', 'check', ...scope], registryEnv);

    assert.equal(register.code, 0, register.stderr.join('\n'));
    assert.match(
      register.stdout.at(-1) ?? '',
      /^done: 1 subjects at FULL_TRANSITIVE, 1 versions registered/,
    );
    assert.equal(check.code, 0, check.stderr.join('\n'));
    assert.match(check.stdout.at(-1) ?? '', / 0 incompatible$/);
  });

  test('an unreachable registry gives one error line and exit 1', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/apis/ccompat/v7`;

    const run = await runTributary(['schemas', 'check', ...scope], { SCHEMA_REGISTRY_URL: url });

    assert.equal(run.code, 1);
    assert.equal(run.stderr.length, 1, run.stderr.join('\n'));
    assert.ok(run.stderr[0]?.includes('127.0.0.1'));
  });
});

describe('tributary stack', () => {
  test('status exits with the code deploy/local/stack status exits with', async () => {
    const direct = await stackScriptExitCode(['status']);

    const run = await runTributary(['stack', 'status'], { TRIBUTARY_SKIP_INSTALL: '1' });

    assert.equal(run.code, direct);
    for (const component of ['kafka', 'registry', 'jaeger']) {
      assert.ok(
        run.stdout.some((line) => line.startsWith(component)),
        component,
      );
    }
  });
});
