// Applies the topic catalog (deploy/catalog.yaml) to a Kafka cluster: creates what is
// missing, reports drift, never deletes. Run: node packages/contract/src/cli/topics.ts --help
import { Command } from 'commander';
import { applyTopicCatalog } from './apply-topic-catalog.ts';
import { processOutput, runCommand } from './run-command.ts';

// Configuration is read here, at the edge, and passed down.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

interface ApplyOptions {
  prefix: string;
  catalog?: string;
  dryRun: boolean;
  increasePartitions: boolean;
}

const program = new Command('topics')
  .description(`Kafka topics from the topic catalog (KAFKA_BROKERS, now ${brokers.join(',')}).`)
  .showHelpAfterError();

program
  .command('apply')
  .description('create missing topics, report drifted settings; idempotent, never deletes anything')
  .option('--prefix <prefix>', 'prefix of every topic name (test runs, shared stacks)', '')
  .option('--catalog <file>', 'topic catalog (default: deploy/catalog.yaml)')
  .option('--dry-run', 'print what would change, change nothing', false)
  .option('--increase-partitions', 'raise partition counts below the catalog (never lowers)', false)
  .action(async (options: ApplyOptions) => {
    await runCommand(processOutput, () =>
      applyTopicCatalog(
        {
          brokers,
          prefix: options.prefix,
          catalogFile: options.catalog,
          dryRun: options.dryRun,
          increasePartitions: options.increasePartitions,
        },
        processOutput,
      ),
    );
  });

await program.parseAsync(process.argv);
