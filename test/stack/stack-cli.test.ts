// The stack command as a user meets it: exit codes and the one-line errors.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ProcessManager } from '../../deploy/local/src/process-manager.ts';

const stackScript = resolve(import.meta.dirname, '../../deploy/local/stack');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runStack(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      'bash',
      [stackScript, ...args],
      { env: { ...process.env, TRIBUTARY_SKIP_INSTALL: '1', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

describe('deploy/local/stack', () => {
  test('up in another state folder reuses the running stack as external and leaves no daemon of its own', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'tributary-external-'));
    try {
      const run = await runStack(['up'], { TRIBUTARY_STATE_DIR: stateDir });

      assert.equal(run.code, 0, run.stderr);
      for (const name of ['kafka', 'registry', 'jaeger'])
        assert.match(run.stdout, new RegExp(`^${name}: external`, 'm'));
      assert.equal(await ProcessManager.isDaemonRunning(stateDir), false);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  test('status exits 0 and names every component while the stack is healthy', async () => {
    const run = await runStack(['status']);

    assert.equal(run.code, 0, run.stderr);
    for (const name of ['kafka', 'registry', 'jaeger'])
      assert.match(run.stdout, new RegExp(`^${name} +healthy`, 'm'));
  });

  test('logs of an unknown component is one line and exit 1', async () => {
    const run = await runStack(['logs', 'zookeeper']);

    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      'stack: no component named "zookeeper" (known: kafka, registry, jaeger)',
    );
  });

  test('an unknown command is a usage error, exit 2', async () => {
    const run = await runStack(['frobnicate']);

    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown command 'frobnicate'/);
  });

  describe('when a port the stack needs is held by another process', () => {
    let squatter: Server;
    let port: number;
    let stateDir: string;

    before(async () => {
      squatter = createServer((socket) => socket.destroy());
      await new Promise<void>((ready) => squatter.listen({ host: '127.0.0.1', port: 0 }, ready));
      port = (squatter.address() as { port: number }).port;
      stateDir = await mkdtemp(join(tmpdir(), 'tributary-stack-'));
    });

    after(async () => {
      await runStack(['down'], { TRIBUTARY_STATE_DIR: stateDir });
      await new Promise<void>((closed) => squatter.close(() => closed()));
      await rm(stateDir, { recursive: true, force: true });
    });

    test('up names the component and the port in one line and exits 1', async () => {
      const run = await runStack(['up'], {
        TRIBUTARY_STATE_DIR: stateDir,
        TRIBUTARY_JAEGER_HEALTH_PORT: String(port),
      });

      assert.equal(run.code, 1);
      const lines = run.stderr.trim().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(
        lines[0] ?? '',
        new RegExp(`^jaeger: port .*\\b${port}\\b.* already in use by another process`),
      );
    });
  });
});
