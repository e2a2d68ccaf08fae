// Registers the webhook envelope's Avro schema versions and checks proposed ones against the
// live registry. Run: node packages/contract/src/cli/schemas.ts --help
import { Command, InvalidArgumentError } from 'commander';
import { checkEnvelopeSchemas } from './check-envelope-schemas.ts';
import type { EnvelopeSchemaTarget } from './envelope-schema-target.ts';
import { registerEnvelopeSchemas } from './register-envelope-schemas.ts';
import { processOutput, runCommand } from './run-command.ts';

const defaultRegistryUrl = 'http://127.0.0.1:8081/apis/ccompat/v7';
// Configuration is read here, at the edge, and passed down.
const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? defaultRegistryUrl;

interface CommonOptions {
  prefix: string;
  source?: string[];
  catalog?: string;
  schemasDir?: string;
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError('must be an integer from 1');
  }
  return value;
}

/** Repeatable option: a fixed arity keeps it from swallowing the file arguments of check. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--prefix <prefix>', 'prefix of every subject (test runs, shared stacks)', '')
    .option(
      '--source <name>',
      'a source to act on, repeatable (default: every source in the catalog)',
      collect,
    )
    .option('--catalog <file>', 'topic catalog naming the sources (default: deploy/catalog.yaml)')
    .option(
      '--schemas-dir <dir>',
      'folder of v<n>.avsc envelope versions (default: schemas/webhook-envelope)',
    );
}

function targetOf(options: CommonOptions): EnvelopeSchemaTarget {
  return {
    registryUrl,
    prefix: options.prefix,
    sources: options.source,
    catalogFile: options.catalog,
    schemasDir: options.schemasDir,
  };
}

const program = new Command('schemas')
  .description(
    `Webhook envelope schemas in the registry (SCHEMA_REGISTRY_URL, now ${registryUrl}).\n` +
      'Subjects are <prefix>webhooks.<source>.v1-value (TopicNameStrategy).',
  )
  .showHelpAfterError();

withCommonOptions(
  program
    .command('register')
    .description(
      'set FULL_TRANSITIVE on each subject, then register every envelope version in order',
    )
    .option('--through <version>', 'register versions up to this one only', positiveInteger),
).action(async (options: CommonOptions & { through?: number }) => {
  await runCommand(processOutput, () =>
    registerEnvelopeSchemas(
      { ...targetOf(options), throughVersion: options.through },
      processOutput,
    ),
  );
});

withCommonOptions(
  program
    .command('check')
    .description(
      'check every envelope version, and each given file, against the live registry without registering',
    )
    .argument('[files...]', 'further .avsc files to check, e.g. a proposed next version'),
).action(async (files: string[], options: CommonOptions) => {
  await runCommand(processOutput, () =>
    checkEnvelopeSchemas({ ...targetOf(options), files }, processOutput),
  );
});

await program.parseAsync(process.argv);
