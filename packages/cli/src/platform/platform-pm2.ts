import { join } from 'node:path';
import { ProcessManager } from '../../../../deploy/local/src/process-manager.ts';
import { CliError } from '../errors/cli-error.ts';

/** A platform process as pm2 reports it. */
export interface RunningProcess {
  readonly name: string;
  /** OS process id; 0 when not running. */
  readonly pid: number;
  /** pm2's status: online, stopping, stopped, errored, launching. */
  readonly status: string;
}

/** What to start: a Node script with arguments and environment. */
export interface StartSpec {
  readonly name: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** Our names in pm2's table carry this prefix; nothing else is ever touched. */
const namePrefix = 'tributary-platform-';

/** Services drain in-flight work on SIGINT; they get this long before SIGKILL. */
const killTimeoutMs = 15_000;

/** The log file of one platform process. */
export function platformLogFile(stateDir: string, name: string): string {
  return join(stateDir, 'logs', `${name}.log`);
}

/**
 * The platform's processes under a pm2 daemon of their own, homed in the platform state folder
 * (`.local/platform/pm2`): the stack's process manager (`deploy/local`) with a table of its own,
 * so `platform down` and `stack down` each stop exactly their own processes. Automatic restart
 * is off: a service that dies is reported by `status`, not restarted in a loop. One instance
 * per command; call `close()` when done.
 */
export class PlatformPm2 {
  readonly #manager: ProcessManager;

  private constructor(manager: ProcessManager) {
    this.#manager = manager;
  }

  /** True when the platform's daemon runs (its pid file names a live process). */
  static isDaemonRunning(stateDir: string): Promise<boolean> {
    return ProcessManager.isDaemonRunning(stateDir);
  }

  /** Connects to this checkout's platform daemon, starting it when needed. */
  static async open(stateDir: string): Promise<PlatformPm2> {
    try {
      const logDir = join(stateDir, 'logs');
      return new PlatformPm2(await ProcessManager.open(stateDir, logDir, { namePrefix }));
    } catch (error: unknown) {
      const pm2Log = join(stateDir, 'pm2', 'pm2.log');
      throw new CliError('process_manager', `could not start pm2 (see ${pm2Log})`, {
        cause: error,
      });
    }
  }

  /** Starts one process with this Node; stdout and stderr go to its log file. */
  start(spec: StartSpec): Promise<void> {
    return this.#manager.start(spec.name, {
      command: process.execPath,
      args: [...spec.args],
      cwd: spec.cwd,
      env: { ...spec.env },
      killTimeoutMs,
    });
  }

  /** The platform's processes, keyed by name. */
  list(): Promise<Map<string, RunningProcess>> {
    return this.#manager.list();
  }

  /** Stops one process (SIGINT, then SIGKILL after the kill timeout) and forgets it. */
  remove(name: string): Promise<void> {
    return this.#manager.remove(name);
  }

  /** Stops the daemon; call after removing every process. */
  shutdownDaemon(): Promise<void> {
    return this.#manager.shutdownDaemon();
  }

  close(): void {
    this.#manager.close();
  }
}
