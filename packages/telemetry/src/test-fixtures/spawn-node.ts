// Test helper: runs a child `node` with the given arguments and a clean telemetry environment.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How a child process ended, and what it wrote. */
export interface NodeExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running child and its output so far. */
export interface SpawnedNode {
  child: ChildProcess;
  /** Standard output written so far. */
  stdout: () => string;
  /** Resolves when the child has exited. */
  exited: Promise<NodeExit>;
}

/** Absolute path of a file in this fixtures folder. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

/**
 * Spawns `node <args>` from this package's folder. The parent's OTEL_* and npm_package_*
 * variables are dropped so no run depends on how the tests were started; `env` adds to the
 * rest. Spans are never sampled unless `env` says otherwise, so nothing is exported.
 */
export function spawnNode(args: string[], env: Record<string, string> = {}): SpawnedNode {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('OTEL_') && !name.startsWith('npm_package_'),
    ),
  );
  const child = spawn(process.execPath, args, {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...inherited, OTEL_TRACES_SAMPLER: 'always_off', ...env },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => void stdout.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void stderr.push(chunk.toString()));
  const exited = new Promise<NodeExit>((resolve) => {
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: stdout.join(''), stderr: stderr.join('') }),
    );
  });
  return { child, stdout: () => stdout.join(''), exited };
}

/** The JSON objects among the lines of `output`; other lines are skipped. */
export function jsonLines(output: string): Array<Record<string, unknown>> {
  return output.split('\n').flatMap((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}
