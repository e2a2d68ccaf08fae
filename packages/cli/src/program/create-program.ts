import type { CommandOutput } from '@tributary/contract';
import { createLogger } from '@tributary/logger';
import { Command } from 'commander';
import { createDemoCommand } from '../commands/demo-command.ts';
import { createDlqCommand } from '../commands/dlq-command.ts';
import { createNewCommand } from '../commands/new-command.ts';
import { createPlatformCommand } from '../commands/platform-command.ts';
import { createSchemasCommand } from '../commands/schemas-command.ts';
import { createSendCommand } from '../commands/send-command.ts';
import { createStackCommand } from '../commands/stack-command.ts';
import { createTopicsCommand } from '../commands/topics-command.ts';
import { platformSettingsFrom } from '../platform/platform-settings.ts';
import type { CliSettings } from './cli-settings.ts';
import { repoRoot } from './cli-settings.ts';
import { applyUsageConventions } from './usage-conventions.ts';

/** What the command tree is built from; `main.ts` fills it from the process. */
export interface ProgramDeps {
  /** Addresses and files, read from the environment once. */
  readonly settings: CliSettings;
  /** The environment, for `TRIBUTARY_SECRET_<SOURCE>`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Runs `deploy/local/stack` and resolves to its exit code. */
  readonly runStack: (args: readonly string[]) => Promise<number>;
  /** The clock, epoch milliseconds. */
  readonly nowMs: () => number;
  /** Where result lines (stdout) and failure lines (stderr) go. */
  readonly output: CommandOutput;
}

/**
 * The `tributary` command tree. Each top-level command is built by its own
 * `commands/<name>-command.ts` and attached here, so a new one (`dlq`, `new`) is one file and
 * one `addCommand` line. Usage conventions are applied last, to the whole tree.
 */
export function createProgram(deps: ProgramDeps): Command {
  const { settings, output } = deps;
  const program = new Command('tributary')
    .description('Tributary: webhooks in, durable versioned Kafka events out.')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 failed, 2 usage, 4 dlq replay refused some records (stack passes its own through).',
    )
    .addCommand(createStackCommand({ runStack: deps.runStack }))
    .addCommand(createTopicsCommand({ brokers: settings.brokers, output }))
    .addCommand(createSchemasCommand({ registryUrl: settings.registryUrl, output }))
    .addCommand(
      createSendCommand({
        ingressBaseUrl: settings.ingressBaseUrl,
        env: deps.env,
        devSecretsFile: settings.devSecretsFile,
        nowMs: deps.nowMs,
        output,
      }),
    )
    .addCommand(
      createDlqCommand({
        brokers: settings.brokers,
        registryUrl: settings.registryUrl,
        nowMs: deps.nowMs,
        // The runtime logs JSON; the CLI keeps it off unless --verbose, and then on stderr.
        logger: (verbose) =>
          createLogger({
            serviceName: 'tributary-cli',
            level: verbose ? 'debug' : 'silent',
            destination: process.stderr,
          }),
        output,
      }),
    )
    .addCommand(createNewCommand({ output }))
    .addCommand(
      createPlatformCommand({
        settings: () => platformSettingsFrom(deps.env, { repoRoot, ...settings }),
        runStack: deps.runStack,
        output,
      }),
    )
    .addCommand(
      createDemoCommand({
        ingressBaseUrl: settings.ingressBaseUrl,
        jaegerUrl: deps.env.JAEGER_QUERY_URL?.trim() || 'http://127.0.0.1:16686',
        env: deps.env,
        devSecretsFile: settings.devSecretsFile,
        output,
      }),
    );
  applyUsageConventions(program);
  return program;
}
