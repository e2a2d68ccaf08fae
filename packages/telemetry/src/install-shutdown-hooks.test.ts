// How the bootstrap's signal hooks leave a process's own signal handling in place; run in
// child processes because they act on the process.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor } from '../../../test/support/wait-for.ts';
import { fixturePath, spawnNode } from './test-fixtures/spawn-node.ts';

const cases = [
  {
    name: 'when the service has no SIGTERM listener, the process still ends by SIGTERM',
    args: [],
    ended: { code: null, signal: 'SIGTERM' },
    drained: false,
  },
  {
    name: 'when the service listens for SIGTERM, its handler drains and decides the exit',
    args: ['--own-handler'],
    ended: { code: 0, signal: null },
    drained: true,
  },
];

describe('shutdown hooks of the telemetry bootstrap', () => {
  for (const { name, args, ended, drained } of cases) {
    test(name, { timeout: 30_000 }, async () => {
      const run = spawnNode([
        '--import',
        '@tributary/telemetry/register',
        fixturePath('wait-for-signal.ts'),
        ...args,
      ]);
      await waitFor(() => run.stdout().includes('ready\n'), { what: 'the child to be ready' });

      run.child.kill('SIGTERM');
      const { code, signal, stdout } = await run.exited;

      assert.deepEqual({ code, signal }, ended);
      assert.equal(stdout.includes('draining\n'), drained);
    });
  }
});
