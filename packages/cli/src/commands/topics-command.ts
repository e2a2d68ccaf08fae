import type { CommandOutput } from '@tributary/contract';
import { applyTopicCatalog } from '@tributary/contract';
import { Command } from 'commander';
import { exitCodes } from '../program/exit-codes.ts';
import { runAction } from '../program/run-action.ts';

/** What the `topics` commands need, read from the environment by `main.ts`. */
export interface TopicsCommandDeps {
  /** Bootstrap brokers, `host:port` (`KAFKA_BROKERS`, default `127.0.0.1:9092`). */
  readonly brokers: readonly string[];
  /** Where result and failure lines go. */
  readonly output: CommandOutput;
}

interface ApplyOptions {
  prefix: string;
  catalog?: string;
  dryRun: boolean;
  increasePartitions: boolean;
}

/**
 * `tributary topics apply`: the contract's `applyTopicCatalog`, the same function behind
 * `packages/contract/src/cli/topics.ts`. Exit 0 when applied (drift is reported, not a
 * failure), 1 when the catalog is bad or the broker unreachable.
 */
export function createTopicsCommand(deps: TopicsCommandDeps): Command {
  const topics = new Command('topics').description(
    `Kafka topics from the topic catalog (KAFKA_BROKERS, now ${deps.brokers.join(',')})`,
  );

  topics
    .command('apply')
    .description('create missing topics, report drifted settings; idempotent, never deletes')
    .option('--prefix <prefix>', 'prefix of every topic name (test runs, shared stacks)', '')
    .option('--catalog <file>', 'topic catalog (default: deploy/catalog.yaml)')
    .option('--dry-run', 'print what would change, change nothing', false)
    .option(
      '--increase-partitions',
      'raise partition counts below the catalog (never lowers)',
      false,
    )
    .action((options: ApplyOptions) =>
      runAction(deps.output, async () => {
        const applied = await applyTopicCatalog(
          {
            brokers: deps.brokers,
            prefix: options.prefix,
            catalogFile: options.catalog,
            dryRun: options.dryRun,
            increasePartitions: options.increasePartitions,
          },
          deps.output,
        );
        return applied ? exitCodes.ok : exitCodes.failure;
      }),
    );
  return topics;
}
