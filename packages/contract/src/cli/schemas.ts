// Registers the webhook envelope's Avro schema versions and checks proposed ones against the
// live registry. Run: node packages/contract/src/cli/schemas.ts --help
import { Command, InvalidArgumentError } from 'commander';
import { loadTopicCatalog } from '../catalog/load-topic-catalog.ts';
import { loadEnvelopeSchemas } from '../envelope/envelope-schemas.ts';
import { createRegistryAdminClient } from '../registry/registry-admin-client.ts';
import { loadSchemaFile } from '../schema/load-schema-file.ts';
import { checkSchemas } from './check-schemas.ts';
import { envelopeSubjects } from './envelope-subjects.ts';
import { registerSchemas } from './register-schemas.ts';
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

function subjectsFor(options: CommonOptions): string[] {
  const catalog = options.source === undefined ? loadTopicCatalog(options.catalog) : undefined;
  return envelopeSubjects(catalog, options.source, options.prefix);
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
  await runCommand(processOutput, () => {
    const versions = loadEnvelopeSchemas(options.schemasDir).filter(
      ({ version }) => options.through === undefined || version <= options.through,
    );
    return registerSchemas({
      registry: createRegistryAdminClient({ url: registryUrl }),
      subjects: subjectsFor(options),
      versions,
      output: processOutput,
    });
  });
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
    checkSchemas({
      registry: createRegistryAdminClient({ url: registryUrl }),
      subjects: subjectsFor(options),
      versions: loadEnvelopeSchemas(options.schemasDir),
      extra: files.map((file) => loadSchemaFile(file)),
      output: processOutput,
    }),
  );
});

await program.parseAsync(process.argv);
