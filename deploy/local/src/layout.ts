import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the stack keeps its state, logs and downloads. */
export interface StackLayout {
  /** Root of this checkout. */
  repoRoot: string;
  /** deploy/local itself (configuration templates and fetch scripts). */
  deployDir: string;
  /** Git-ignored folder of this checkout holding data, rendered config and the process table. */
  stateDir: string;
  /** One log file per component lives here. */
  logDir: string;
  /** User-level cache shared by every clone on this machine: jars, archives, binaries. */
  cacheDir: string;
}

/**
 * Resolves the layout. `TRIBUTARY_STATE_DIR` moves the state folder (default `.local/stack`
 * in the checkout); `TRIBUTARY_CACHE` moves the download cache (default
 * `$XDG_CACHE_HOME/tributary`, else `~/.cache/tributary`), the same one scripts/node-env.sh uses.
 */
export function resolveLayout(
  env: Readonly<Record<string, string | undefined>> = process.env,
): StackLayout {
  const deployDir = resolve(import.meta.dirname, '..');
  const repoRoot = resolve(deployDir, '../..');
  const stateDir = resolve(env.TRIBUTARY_STATE_DIR || join(repoRoot, '.local', 'stack'));
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');

  return Object.freeze({
    repoRoot,
    deployDir,
    stateDir,
    logDir: join(stateDir, 'logs'),
    cacheDir: resolve(env.TRIBUTARY_CACHE || join(cacheHome, 'tributary')),
  });
}

/** The log file of one component. */
export function logFileOf(layout: StackLayout, component: string): string {
  return join(layout.logDir, `${component}.log`);
}
