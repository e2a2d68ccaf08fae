import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
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

// pm2 ships no types; this is the part of its programmatic API used here.
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
  pm2_env?: { status?: string };
}

/** Our names in pm2's table carry this prefix; nothing else is ever touched. */
const namePrefix = 'tributary-platform-';

function call<T>(body: (callback: (error: Error | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    body((error, value) => (error ? reject(error) : resolve(value as T)));
  });
}

/** The log file of one platform process. */
export function platformLogFile(stateDir: string, name: string): string {
  return join(stateDir, 'logs', `${name}.log`);
}

/**
 * The platform's processes under a pm2 daemon of their own, homed in the platform state folder
 * (`.local/platform/pm2`), the same approach as `deploy/local/stack` with a separate table: so
 * `platform down` and `stack down` each stop exactly their own processes. Automatic restart is
 * off: a service that dies is reported by `status`, not restarted in a loop. One instance per
 * command; call `close()` when done.
 */
export class PlatformPm2 {
  readonly #pm2: Pm2Api;
  readonly #stateDir: string;

  private constructor(pm2: Pm2Api, stateDir: string) {
    this.#pm2 = pm2;
    this.#stateDir = stateDir;
  }

  /** Connects to this checkout's platform daemon, starting it when needed. */
  static async open(stateDir: string): Promise<PlatformPm2> {
    const home = join(stateDir, 'pm2');
    await mkdir(home, { recursive: true });
    await mkdir(join(stateDir, 'logs'), { recursive: true });
    // pm2 reads PM2_HOME once, when first imported.
    process.env.PM2_HOME = home;
    try {
      const pm2 = ((await import('pm2')) as unknown as { default: Pm2Api }).default;
      await call<void>((cb) => pm2.connect(cb));
      return new PlatformPm2(pm2, stateDir);
    } catch (error: unknown) {
      throw new CliError('process_manager', `could not start pm2 (see ${join(home, 'pm2.log')})`, {
        cause: error,
      });
    }
  }

  /** Starts one process with Node; stdout and stderr go to its log file. */
  async start(spec: StartSpec): Promise<void> {
    await call<void>((cb) =>
      this.#pm2.start(
        {
          name: namePrefix + spec.name,
          script: process.execPath,
          args: [...spec.args],
          interpreter: 'none',
          cwd: spec.cwd,
          env: { ...spec.env },
          autorestart: false,
          // Services drain in-flight work on SIGINT; give them time before SIGKILL.
          kill_timeout: 15_000,
          out_file: platformLogFile(this.#stateDir, spec.name),
          error_file: platformLogFile(this.#stateDir, spec.name),
          merge_logs: true,
          pid_file: join(this.#stateDir, 'logs', `${spec.name}.pid`),
        },
        cb,
      ),
    );
  }

  /** The platform's processes, keyed by name. */
  async list(): Promise<Map<string, RunningProcess>> {
    const described = await call<Pm2Description[]>((cb) => this.#pm2.list(cb));
    const ours = new Map<string, RunningProcess>();
    for (const entry of described) {
      if (!entry.name?.startsWith(namePrefix)) continue;
      const name = entry.name.slice(namePrefix.length);
      ours.set(name, { name, pid: entry.pid ?? 0, status: entry.pm2_env?.status ?? 'unknown' });
    }
    return ours;
  }

  /** Stops one process (SIGINT, then SIGKILL after the kill timeout) and forgets it. */
  async remove(name: string): Promise<void> {
    await call<void>((cb) => this.#pm2.delete(namePrefix + name, cb));
  }

  /** Stops the daemon; call after removing every process. */
  async shutdownDaemon(): Promise<void> {
    await call<void>((cb) => this.#pm2.killDaemon(cb));
  }

  close(): void {
    this.#pm2.disconnect();
  }
}
