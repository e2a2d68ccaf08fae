import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root; the CLI runs from here as `./tributary` would run it. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** What one CLI run left behind. */
export interface TributaryRun {
  /** Exit code (null when killed). */
  readonly code: number | null;
  /** Standard output lines, without the trailing empty one. */
  readonly stdout: string[];
  /** Standard error lines, without Node's TimeoutNegativeWarning noise from kafkajs. */
  readonly stderr: string[];
}

/**
 * Runs `node packages/cli/src/main.ts ...args` as a child process, with `env` laid over this
 * process's environment (a value of `undefined` removes the variable), and resolves when it
 * exits. Asynchronous, so a server in the test process keeps answering meanwhile. Killed after
 * `timeoutMs` (default 60 s).
 */
export function runTributary(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 60_000,
): Promise<TributaryRun> {
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', 'packages/cli/src/main.ts', ...args],
    { cwd: repoRoot, env: childEnv(env), timeout: timeoutMs },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: lines(out), stderr: lines(err) }));
  });
}

function childEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}
