import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { CommandOutput } from '@tributary/contract';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.ts';
import { platformDown } from '../platform/platform-down.ts';
import { platformLogFile } from '../platform/platform-pm2.ts';
import type { PlatformSettings } from '../platform/platform-settings.ts';
import { platformStatus } from '../platform/platform-status.ts';
import { platformUp } from '../platform/platform-up.ts';
import { exitCodes } from '../program/exit-codes.ts';
import { integerFrom } from '../program/option-parsers.ts';
import { runAction } from '../program/run-action.ts';

/** What the `platform` commands need. */
export interface PlatformCommandDeps {
  /** Ports, folders and addresses, read from the environment by `main.ts`. */
  readonly settings: () => PlatformSettings;
  /** Runs `deploy/local/stack` and resolves to its exit code. */
  readonly runStack: (args: readonly string[]) => Promise<number>;
  readonly output: CommandOutput;
}

/**
 * `tributary platform up|down|status|logs`: the whole platform on this machine — the stack,
 * topics and schemas, dev secrets, the ingress, the consumer services and a dev chat sink —
 * as pm2-managed processes with their state under `.local/platform`. `npm start` is `up`,
 * `npm stop` is `down`.
 */
export function createPlatformCommand(deps: PlatformCommandDeps): Command {
  const platform = new Command('platform').description(
    'the whole platform on this machine: stack, topics, schemas, ingress and consumer services',
  );
  platform
    .command('up')
    .description('start whatever is not running and wait until each part is ready (idempotent)')
    .action(() =>
      runAction(deps.output, () =>
        platformUp({ settings: deps.settings(), runStack: deps.runStack, output: deps.output }),
      ),
    );
  platform
    .command('down')
    .description('stop the ingress, the consumer services and the chat sink (not the stack)')
    .action(async () => {
      await runAction(deps.output, () => platformDown(deps.settings(), deps.output));
      // pm2's client keeps a handle open once its daemon is killed, so the process would never
      // end by itself; exit once stdout has taken every line.
      process.stdout.write('', () => process.exit());
    });
  platform
    .command('status')
    .description('each process and whether it is ready (exit 3 when one is not)')
    .action(() => runAction(deps.output, () => platformStatus(deps.settings(), deps.output)));
  platform
    .command('logs')
    .description('print the log of one process (ingress, chat-sink, or a consumer service)')
    .argument('<process>', 'ingress, chat-sink, ledger, notifier, ...')
    .option('-f, --follow', 'keep printing as the log grows', false)
    .option('-n, --lines <count>', 'how many closing lines to print', integerFrom(1), 100)
    .action((name: string, options: { follow: boolean; lines: number }) =>
      runAction(deps.output, () =>
        tailLog(platformLogFile(deps.settings().stateDir, name), options),
      ),
    );
  return platform;
}

function tailLog(file: string, options: { follow: boolean; lines: number }): Promise<number> {
  if (!existsSync(file)) {
    return Promise.reject(new CliError('usage', `no log at ${file} (has the process ever run?)`));
  }
  const args = ['-n', String(options.lines), ...(options.follow ? ['-F'] : []), file];
  const ignoreInterrupt = () => {};
  process.on('SIGINT', ignoreInterrupt);
  const child = spawn('tail', args, { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.once('close', (code) => {
      process.off('SIGINT', ignoreInterrupt);
      resolve(code ?? exitCodes.ok);
    });
  });
}
