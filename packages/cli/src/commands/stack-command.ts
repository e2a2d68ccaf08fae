import { Command } from 'commander';

/** What the `stack` commands need. */
export interface StackCommandDeps {
  /** Runs `deploy/local/stack` with these arguments and resolves to its exit code. */
  readonly runStack: (args: readonly string[]) => Promise<number>;
}

// Shortcoming: the options restate deploy/local/stack's own; an option added there needs adding here.
/**
 * `tributary stack up|down|status|logs`: each subcommand hands its arguments to
 * `deploy/local/stack` and exits with that script's code (0 ok, 1 failed, 2 usage, 3 a
 * component unhealthy). The options mirror the script's so `--help` can describe them here;
 * the behaviour lives only in the script.
 */
export function createStackCommand(deps: StackCommandDeps): Command {
  const stack = new Command('stack').description(
    'the local stack without Docker (Kafka, schema registry, Jaeger): delegates to deploy/local/stack',
  );
  const delegate = async (args: readonly string[]) => {
    process.exitCode = await deps.runStack(args);
  };

  stack
    .command('up')
    .description('start every component not already running; reuses running ones (idempotent)')
    .action(() => delegate(['up']));
  stack
    .command('down')
    .description('stop exactly the processes this checkout started')
    .action(() => delegate(['down']));
  stack
    .command('status')
    .description('show each component, its process and health (exit 3 when one is not healthy)')
    .option('--json', 'print machine-readable JSON')
    .action((options: { json?: boolean }) =>
      delegate(['status', ...(options.json ? ['--json'] : [])]),
    );
  stack
    .command('logs')
    .description('print the log of one component')
    .argument('<component>', 'kafka, registry or jaeger')
    .option('-f, --follow', 'keep printing as the log grows')
    .option('-n, --lines <count>', 'how many closing lines to print (default 100)')
    .action((component: string, options: { follow?: boolean; lines?: string }) =>
      delegate([
        'logs',
        component,
        ...(options.follow ? ['--follow'] : []),
        ...(options.lines === undefined ? [] : ['--lines', options.lines]),
      ]),
    );
  return stack;
}
