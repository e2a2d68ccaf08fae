import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root; CLIs run from here so they print repository-relative paths. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** What a CLI run left behind. */
export interface CliRun {
  /** Exit code (null when killed). */
  code: number | null;
  /** Standard output, split into lines without the trailing empty one. */
  stdout: string[];
  /** Standard error lines, without Node's TimeoutNegativeWarning noise from kafkajs. */
  stderr: string[];
}

/**
 * Runs `node packages/contract/src/cli/<cli>.ts ...args` as a child process with `env` added
 * to the environment, and resolves when it exits; kills it after `timeoutMs` (default 60 s).
 */
export function runCli(
  cli: 'schemas' | 'topics',
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliRun> {
  const script = `packages/contract/src/cli/${cli}.ts`;
  const child = spawn(process.execPath, [script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    timeout: timeoutMs,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: lines(out), stderr: warningFree(lines(err)) }),
    );
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

// kafkajs 2.2.4 trips Node 24's TimeoutNegativeWarning (a known upstream bug, harmless).
function warningFree(stderr: string[]): string[] {
  return stderr.filter(
    (line) => !/TimeoutNegativeWarning|Timeout duration was set|--trace-warnings/.test(line),
  );
}
