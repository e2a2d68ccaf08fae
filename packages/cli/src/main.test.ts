import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

test('when the reader closes stdout early (| head), the CLI ends without an EPIPE crash', async () => {
  const runs = Array.from({ length: 5 }, () => {
    const child = spawn(process.execPath, [main, 'dlq', 'replay', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    return new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stderr })),
    );
  });

  for (const run of await Promise.all(runs)) {
    assert.doesNotMatch(run.stderr, /EPIPE|Unhandled/);
    assert.equal(run.code, 0);
  }
});
