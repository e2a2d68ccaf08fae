// `tributary new consumer demo` into a scratch root (a copy of the catalog, and the
// repository's node_modules linked in so @tributary/* resolve), then the scaffolded service's
// own test run with Node's test runner against the live stack.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot, runTributary } from '../support/run-tributary.ts';

const root = mkdtempSync(join(tmpdir(), 'tributary-new-consumer-'));
const catalogFile = join(root, 'deploy', 'catalog.yaml');
mkdirSync(join(root, 'deploy'));
copyFileSync(join(repoRoot, 'deploy', 'catalog.yaml'), catalogFile);
symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');

/** Runs one test file in a fresh `node --test` (TAP output) and resolves with its exit and output. */
function runTestFile(file: string, env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // Set by the outer runner for its own children; a nested runner must not report to it.
  delete childEnv.NODE_TEST_CONTEXT;
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', '--test', '--test-reporter=tap', file],
    { cwd: root, env: childEnv, timeout: 180_000 },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('tributary new consumer', () => {
  test('scaffolds demo, adds it to the catalog, and its own live-stack test passes', async () => {
    const run = await runTributary([
      'new',
      'consumer',
      'demo',
      '--source',
      'stripe',
      '--root',
      root,
    ]);

    assert.equal(run.code, 0, run.stderr.join('\n'));
    assert.ok(
      run.stdout.includes('created services/demo/test/demo.test.ts'),
      run.stdout.join('\n'),
    );
    assert.ok(run.stdout.some((line) => line.trim().startsWith('npm run setup')));
    assert.match(
      readFileSync(catalogFile, 'utf8'),
      /\n {2}- group: demo\n {4}reads:\n {6}- \{ source: stripe, major: 1 \}\n/,
    );

    const result = await runTestFile(join(root, 'services/demo/test/demo.test.ts'), {
      TRIBUTARY_CATALOG_FILE: catalogFile,
    });

    assert.equal(result.code, 0, result.output.slice(-3000));
    assert.match(result.output, /^# pass 1$/m);
    assert.match(result.output, /^# fail 0$/m);
  });

  test('run again with the same name: exit 1, one line, the catalog unchanged', async () => {
    const before = readFileSync(catalogFile, 'utf8');

    const run = await runTributary([
      'new',
      'consumer',
      'demo',
      '--source',
      'github',
      '--root',
      root,
    ]);

    assert.equal(run.code, 1);
    assert.deepEqual(run.stderr, [
      `error: ${join(root, 'services/demo')} exists already; nothing was changed`,
    ]);
    assert.equal(readFileSync(catalogFile, 'utf8'), before);
  });

  const usage: readonly [string, string[], RegExp][] = [
    ['a name that is not kebab-case', ['Order_Audit', '--source', 'stripe'], /not kebab-case/],
    [
      'a source the catalog lacks',
      ['audit', '--source', 'gitlab'],
      /^error: source gitlab is not in/,
    ],
    ['no --source', ['audit'], /required option '--source <source>'/],
  ];
  for (const [name, args, message] of usage) {
    test(`${name}: exit 2 and one line`, async () => {
      const run = await runTributary(['new', 'consumer', ...args, '--root', root]);

      assert.equal(run.code, 2);
      assert.equal(run.stderr.length, 1, run.stderr.join('\n'));
      assert.match(run.stderr[0] ?? '', message);
    });
  }
});
