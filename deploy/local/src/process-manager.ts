import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessSpec } from './component.ts';
import { StackError, StackErrorCode } from './errors.ts';

/** What the process manager knows of one managed process. */
export interface ManagedProcess {
  name: string;
  /** OS process id; 0 when not running. */
  pid: number;
  /** pm2's status: online, stopping, stopped, errored, launching. */
  status: string;
  /** Epoch milliseconds the process was started. */
  startedAtMs: number | undefined;
}

/** Minimal view of the pm2 programmatic API this module uses (pm2 ships no types of its own). */
interface Pm2Api {
  connect(callback: (error: Error | null) => void): void;
  disconnect(): void;
  start(options: Record<string, unknown>, callback: (error: Error | null) => void): void;
  delete(name: string, callback: (error: Error | null) => void): void;
  list(callback: (error: Error | null, list: Pm2Description[]) => void): void;
  killDaemon(callback: (error: Error | null) => void): void;
}

interface Pm2Description {
  name?: string;
  pid?: number;
  pm2_env?: { status?: string; pm_uptime?: number };
}

/** Names of our processes in pm2's table are prefixed, so nothing else is ever touched. */
const DEFAULT_NAME_PREFIX = 'tributary-';

/** Options of {@link ProcessManager.open}. */
export interface ProcessManagerOptions {
  /** Prefix of our names in pm2's table. Default `tributary-` (the stack's). */
  namePrefix?: string;
}

function promisified<T>(
  call: (callback: (error: Error | null, value?: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    call((error, value) => (error ? reject(error) : resolve(value as T)));
  });
}

/**
 * The stack's processes, kept by pm2 with its home in the stack's state folder, so each
 * checkout has its own process table and `down` stops exactly what that checkout started.
 * One instance per command invocation; call `close()` when done.
 */
export class ProcessManager {
  readonly #pm2: Pm2Api;
  readonly #logDir: string;
  readonly #namePrefix: string;

  private constructor(pm2: Pm2Api, logDir: string, namePrefix: string) {
    this.#pm2 = pm2;
    this.#logDir = logDir;
    this.#namePrefix = namePrefix;
  }

  /** True when this checkout's pm2 daemon runs (its pid file names a live process). */
  static async isDaemonRunning(stateDir: string): Promise<boolean> {
    const pidText = await readFile(join(stateDir, 'pm2', 'pm2.pid'), 'utf8').catch(() => '');
    const pid = Number(pidText.trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Connects to (or starts) the pm2 daemon homed in `<stateDir>/pm2`; process logs go to
   * `logDir`. The stack and the platform each open their own state folder, so each stops
   * exactly its own processes.
   */
  static async open(
    stateDir: string,
    logDir: string,
    options: ProcessManagerOptions = {},
  ): Promise<ProcessManager> {
    const home = join(stateDir, 'pm2');
    await mkdir(home, { recursive: true });
    await mkdir(logDir, { recursive: true });
    // pm2 reads PM2_HOME once, when it is first imported.
    process.env.PM2_HOME = home;
    try {
      const imported = (await import('pm2')) as unknown as { default: Pm2Api };
      const pm2 = imported.default;
      await promisified<void>((cb) => pm2.connect(cb));
      return new ProcessManager(pm2, logDir, options.namePrefix ?? DEFAULT_NAME_PREFIX);
    } catch (error: unknown) {
      throw new StackError(
        StackErrorCode.PROCESS_MANAGER,
        'stack',
        'could not start the process manager (pm2)',
        {
          cause: error,
          logFile: join(home, 'pm2.log'),
        },
      );
    }
  }

  /** Starts `component`'s process; its stdout and stderr go to `<logDir>/<component>.log`. */
  async start(component: string, spec: ProcessSpec): Promise<void> {
    const logFile = join(this.#logDir, `${component}.log`);
    await promisified<void>((cb) =>
      this.#pm2.start(
        {
          name: this.#namePrefix + component,
          script: spec.command,
          args: spec.args,
          interpreter: 'none',
          cwd: spec.cwd,
          env: spec.env,
          // A component that dies should be seen dead and reported, not restarted in a loop.
          autorestart: false,
          kill_timeout: spec.killTimeoutMs,
          out_file: logFile,
          error_file: logFile,
          merge_logs: true,
          pid_file: join(this.#logDir, `${component}.pid`),
        },
        cb,
      ),
    );
  }

  /** Our processes as pm2 sees them, keyed by component name. */
  async list(): Promise<Map<string, ManagedProcess>> {
    const described = await promisified<Pm2Description[]>((cb) => this.#pm2.list(cb));
    const ours = new Map<string, ManagedProcess>();
    for (const entry of described) {
      if (!entry.name?.startsWith(this.#namePrefix)) continue;
      const component = entry.name.slice(this.#namePrefix.length);
      ours.set(component, {
        name: component,
        pid: entry.pid ?? 0,
        status: entry.pm2_env?.status ?? 'unknown',
        startedAtMs: entry.pm2_env?.pm_uptime,
      });
    }
    return ours;
  }

  /** Stops `component` (SIGINT, then SIGKILL after its kill timeout) and forgets it. */
  async remove(component: string): Promise<void> {
    await promisified<void>((cb) => this.#pm2.delete(this.#namePrefix + component, cb));
  }

  /** Stops the pm2 daemon itself; call after every process is removed. */
  async shutdownDaemon(): Promise<void> {
    await promisified<void>((cb) => this.#pm2.killDaemon(cb));
  }

  close(): void {
    this.#pm2.disconnect();
  }
}
