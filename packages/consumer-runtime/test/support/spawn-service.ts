// Runs test/fixtures/fixture-service.ts in a child process and reads its JSON log lines.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../../../test/support/wait-for.ts';

const fixture = fileURLToPath(new URL('../fixtures/fixture-service.ts', import.meta.url));

/** A log line of the fixture. */
export type LogLine = Record<string, unknown> & { msg?: string };

/** A running fixture service. */
export interface SpawnedService {
  child: ChildProcess;
  /** The JSON lines written so far. */
  lines(): LogLine[];
  /** Waits (bounded) until a line matches, and returns it. */
  waitForLine(
    match: (line: LogLine) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<LogLine>;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the fixture service with `env` added to this process's environment. */
export function spawnService(env: Record<string, string>): SpawnedService {
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', fixture], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const parsed: LogLine[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      try {
        parsed.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line (a warning printed by Node): ignored.
      }
    }
  });
  const errors: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => void errors.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });

  return {
    child,
    lines: () => [...parsed],
    waitForLine: (match, what, timeoutMs = 30_000) =>
      waitFor(() => parsed.find(match), {
        timeoutMs,
        what: `${what} (stderr: ${errors.join('').slice(-500)})`,
      }),
    exited,
  };
}

/** Lines with message `msg` (and, when given, event id `eventId`). */
export function linesOf(service: SpawnedService, msg: string, eventId?: string): LogLine[] {
  return service
    .lines()
    .filter((line) => line.msg === msg && (eventId === undefined || line.eventId === eventId));
}
