import { join, relative } from 'node:path';
import type { CommandOutput } from '@tributary/contract';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.ts';
import { repoRoot } from '../program/cli-settings.ts';
import { exitCodes } from '../program/exit-codes.ts';
import { runAction } from '../program/run-action.ts';
import { catalogSourceRefs, scaffoldConsumer } from '../scaffold/scaffold-consumer.ts';
import { listExamples } from '../send/load-payload.ts';
import { sendSourceNames } from '../send/send-sources.ts';

/** What `new` needs. */
export interface NewCommandDeps {
  /** Where result and failure lines go. */
  readonly output: CommandOutput;
  /** Default `--root`: the repository this CLI lives in. */
  readonly root?: string;
}

interface ConsumerOptions {
  source: string[];
  eventTypes?: string;
  root: string;
  catalog?: string;
}

// A repeatable option with one value each time.
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * `tributary new consumer <name>`: scaffolds `services/<name>` from the consumer template and
 * adds its group to the topic catalog. Refuses to overwrite anything (exit 1), a bad name or
 * source is a usage error (exit 2).
 */
export function createNewCommand(deps: NewCommandDeps): Command {
  const root = deps.root ?? repoRoot;
  const create = new Command('new').description('scaffold new parts of a Tributary deployment');
  create
    .command('consumer')
    .description('scaffold services/<name>: a consumer service with its own live-stack test')
    .argument('<name>', 'kebab-case service name; also its consumer group in the catalog')
    .requiredOption('--source <source>', 'a catalog source it reads, repeatable', collect)
    .option(
      '--event-types <types>',
      "comma-separated event types it handles (default: the sources' built-in example names)",
    )
    .option('--root <dir>', 'repository root to create services/<name> under', root)
    .option(
      '--catalog <file>',
      'topic catalog to add the group to (default: <root>/deploy/catalog.yaml)',
    )
    .action((name: string, options: ConsumerOptions) =>
      runAction(deps.output, async () => newConsumer(deps.output, name, options)),
    );
  return create;
}

function newConsumer(output: CommandOutput, name: string, options: ConsumerOptions): number {
  const catalogFile = options.catalog ?? join(options.root, 'deploy/catalog.yaml');
  // Sources first: an unknown one is the mistake to name, not the examples it lacks.
  catalogSourceRefs(catalogFile, options.source);
  const scaffolded = scaffoldConsumer({
    name,
    sources: options.source,
    eventTypes: eventTypesFor(options),
    root: options.root,
    catalogFile,
  });

  for (const file of scaffolded.files) output.line(`created ${file}`);
  const reads = scaffolded.reads.map((ref) => `webhooks.${ref.source}.v${ref.major}`).join(', ');
  output.line(
    `added group ${name} to ${relative(options.root, catalogFile) || catalogFile} (reads ${reads})`,
  );
  output.line('next:');
  output.line(
    `  npm run setup        # once: npm install under the project's Node, linking services/${name}`,
  );
  output.line(
    `  npm test -- 'services/${name}/test/*.test.ts'   # its own test, on the live stack`,
  );
  output.line(`  npm start            # the platform, services/${name} included (topics applied)`);
  output.line(`  ./tributary platform logs ${name} -f`);
  return exitCodes.ok;
}

function eventTypesFor(options: ConsumerOptions): string[] {
  if (options.eventTypes !== undefined) {
    const types = options.eventTypes
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean);
    if (types.length === 0) throw new CliError('usage', '--event-types names no event type');
    return types;
  }
  const examples = options.source.flatMap((source) =>
    (sendSourceNames as readonly string[]).includes(source)
      ? listExamples(source as (typeof sendSourceNames)[number])
      : [],
  );
  if (examples.length === 0) {
    throw new CliError(
      'usage',
      `no built-in examples for ${options.source.join(', ')}: give --event-types`,
    );
  }
  return examples;
}
