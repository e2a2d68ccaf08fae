import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exitCodes } from '../program/exit-codes.ts';

/**
 * Runs `bash deploy/local/stack <args>` with this process's stdio and environment, and
 * resolves to its exit code. The stack script stays the only implementation; this only
 * delegates. While it runs, Ctrl-C is left to the child (the terminal sends SIGINT to both):
 * ignoring it here lets `stack logs -f` end and its exit code pass through. A child ended by a
 * signal, or that cannot be started, counts as a failure (1).
 */
export function runStackScript(repoRoot: string, args: readonly string[]): Promise<number> {
  const ignoreInterrupt = () => {};
  process.on('SIGINT', ignoreInterrupt);
  const child = spawn('bash', [join(repoRoot, 'deploy/local/stack'), ...args], {
    stdio: 'inherit',
  });

  return new Promise((resolve) => {
    const finish = (code: number) => {
      process.off('SIGINT', ignoreInterrupt);
      resolve(code);
    };
    child.once('error', (error) => {
      process.stderr.write(`error: cannot run deploy/local/stack: ${error.message}\n`);
      finish(exitCodes.failure);
    });
    child.once('close', (code) => finish(code ?? exitCodes.failure));
  });
}
