// A child Node process whose JSON log lines the telemetry suites wait on.
import { type ChildProcess, spawn } from 'node:child_process';
import { waitFor } from '../../support/wait-for.ts';

/** A log line of a child process. */
export type LogLine = Record<string, unknown> & { msg?: string };

/** A running child process and its output. */
export interface LoggedProcess {
  readonly child: ChildProcess;
  /** The JSON lines written so far (stdout and stderr). */
  lines(): LogLine[];
  /** Everything written so far, for failure messages. */
  output(): string;
  /** Waits (bounded) for a line matching `match`, and returns it. */
  waitForLine(
    match: (line: LogLine) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<LogLine>;
  /** Sends SIGTERM and resolves once it exited; SIGKILL after `timeoutMs` (default 20 000). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node <args>` in `cwd` with exactly `env`. */
export function startLoggedProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): LoggedProcess {
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => void chunks.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => void chunks.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );

  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          // Not a log line (a warning printed by Node): ignored.
          return [];
        }
      });

  return {
    child,
    lines,
    output: () => chunks.join(''),
    waitForLine: (match, what, timeoutMs = 30_000) =>
      waitFor(
        () => {
          if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`the process ended before ${what}:\n${chunks.join('')}`);
          }
          return lines().find(match);
        },
        { timeoutMs, intervalMs: 100, what: `${what}; output so far:\n${chunks.join('')}` },
      ),
    async stop(timeoutMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(kill);
      }
    },
  };
}
