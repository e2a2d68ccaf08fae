import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { waitFor } from '../support/wait-for.ts';

/** A process the benchmark started: a fixture server or a service under test. */
export interface BenchChild {
  child: ChildProcess;
  /** The first JSON line it printed (a fixture prints `{"port":N}` or `{"ready":true}`). */
  ready: Record<string, unknown>;
  /**
   * Writes `command` as one line to its stdin and resolves with the next JSON line it prints
   * (bounded by 30 s). Only for children that answer commands (fixtures/noop-service.ts).
   */
  ask(command: string): Promise<Record<string, unknown>>;
  /** Sends SIGTERM and resolves once it exited. */
  stop(): Promise<void>;
}

/** Options of {@link startChild}. */
export interface StartChildOptions {
  /** Extra environment variables, on top of this process's. */
  env?: Record<string, string>;
  /** Extra Node flags before the script (for example `--cpu-prof`). */
  nodeFlags?: readonly string[];
  /** Longest wait for its first JSON line, in milliseconds. Default 60 000. */
  readyTimeoutMs?: number;
}

/**
 * Starts `node <script> <args>` (this Node, in its own process so the load generator and the
 * server do not share an event loop) and waits, bounded, for its first JSON line on stdout.
 */
export async function startChild(
  script: string,
  args: readonly string[] = [],
  options: StartChildOptions = {},
): Promise<BenchChild> {
  const flags = ['--disable-warning=TimeoutNegativeWarning', ...(options.nodeFlags ?? [])];
  const child = spawn(process.execPath, [...flags, script, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  const nextLine = (what: string, timeoutMs: number) =>
    waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
        return lines.shift();
      },
      { timeoutMs, intervalMs: 20, what },
    );
  const ready = await nextLine(`${script} to start`, options.readyTimeoutMs ?? 60_000);

  return {
    child,
    ready,
    ask: (command) => {
      child.stdin?.write(`${command}\n`);
      return nextLine(`${script} to answer "${command}"`, 30_000);
    },
    stop: () => stopProcess(child),
  };
}

/** Sends SIGTERM to `child` and resolves once it exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resident set size of `pid` in MiB, read from /proc (Linux); undefined when gone. */
export async function rssMiB(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}

/**
 * CPU time `pid` has used (user + system, its own threads, not its children), in ms, read
 * from /proc (Linux counts it in ticks of 10 ms); undefined when gone.
 */
export async function cpuMsOf(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name, which is in parentheses and may hold spaces: state first,
  // then utime and stime as the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}

/** Samples the RSS of `pid` every 250 ms while `work` runs; resolves with the peak in MiB. */
export async function peakRssDuring<T>(
  pid: number | undefined,
  work: () => Promise<T>,
): Promise<[T, number]> {
  let peak = (await rssMiB(pid)) ?? 0;
  const timer = setInterval(async () => {
    peak = Math.max(peak, (await rssMiB(pid)) ?? 0);
  }, 250);
  try {
    const result = await work();
    peak = Math.max(peak, (await rssMiB(pid)) ?? 0);
    return [result, peak];
  } finally {
    clearInterval(timer);
  }
}
