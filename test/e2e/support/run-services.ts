import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { PlatformProcess } from '../../../packages/cli/src/platform/platform-processes.ts';
import { waitReady } from '../../../packages/cli/src/platform/wait-ready.ts';

/** Services this suite started; `stop()` ends them all (SIGTERM, then SIGKILL after 15 s). */
export interface RunningServices {
  /** Log file of each service, for failure messages. */
  readonly logs: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the platform's processes as children of the test (the same commands and environment
 * `platform up` gives pm2), each waited for in turn with its own bounded readiness check. A
 * service that exits or is not ready in time fails the start, naming its log file.
 */
export async function runServices(
  processes: readonly PlatformProcess[],
  options: { readonly cwd: string; readonly logDir: string; readonly brokers: readonly string[] },
): Promise<RunningServices> {
  const children = new Map<string, ChildProcess>();
  const logs = new Map<string, string>();
  const stop = async () => {
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    for (const spec of processes) {
      const logFile = join(options.logDir, `${spec.name}.log`);
      const log = createWriteStream(logFile);
      const child = spawn(process.execPath, [...spec.args], {
        cwd: options.cwd,
        env: { ...process.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      children.set(spec.name, child);
      logs.set(spec.name, logFile);
      const outcome = await waitReady({
        readiness: spec.readiness,
        timeoutMs: spec.readyTimeoutMs,
        isAlive: async () => child.exitCode === null && child.signalCode === null,
      });
      if (!outcome.ready)
        throw new Error(`${spec.name} ${outcome.reason}: ${outcome.detail}; see ${logFile}`);
    }
  } catch (error: unknown) {
    await stop();
    throw error;
  }
  return { logs, stop };
}
