import type { CommandOutput, EnvelopeSchemaTarget } from '@tributary/contract';
import {
  checkEnvelopeSchemas,
  loadEnvelopeSchemas,
  registerEnvelopeSchemas,
} from '@tributary/contract';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.ts';
import { exitCodes } from '../program/exit-codes.ts';
import { integerFrom } from '../program/option-parsers.ts';
import { runAction } from '../program/run-action.ts';

/** What the `schemas` commands need, read from the environment by `main.ts`. */
export interface SchemasCommandDeps {
  /** Confluent-compatible registry API (`SCHEMA_REGISTRY_URL`). */
  readonly registryUrl: string;
  /** Where result and failure lines go. */
  readonly output: CommandOutput;
}

interface TargetOptions {
  prefix: string;
  source?: string[];
  catalog?: string;
  schemasDir?: string;
}

// A repeatable option with one value each time, so it cannot swallow the file arguments of check.
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function withTargetOptions(command: Command): Command {
  return command
    .option('--prefix <prefix>', 'prefix of every subject (test runs, shared stacks)', '')
    .option(
      '--source <name>',
      'a source to act on, repeatable (default: every catalog source)',
      collect,
    )
    .option('--catalog <file>', 'topic catalog naming the sources (default: deploy/catalog.yaml)')
    .option(
      '--schemas-dir <dir>',
      'folder of v<n>.avsc versions (default: schemas/webhook-envelope)',
    );
}

/**
 * `tributary schemas register|check`: the contract's `registerEnvelopeSchemas` and
 * `checkEnvelopeSchemas`, the functions behind `packages/contract/src/cli/schemas.ts`.
 * Exit 1 when something is incompatible or the registry cannot be reached.
 */
export function createSchemasCommand(deps: SchemasCommandDeps): Command {
  const schemas = new Command('schemas').description(
    `webhook envelope schemas in the registry (SCHEMA_REGISTRY_URL, now ${deps.registryUrl}); ` +
      'subjects are <prefix>webhooks.<source>.v1-value',
  );
  const target = (options: TargetOptions): EnvelopeSchemaTarget => ({
    registryUrl: deps.registryUrl,
    prefix: options.prefix,
    sources: options.source,
    catalogFile: options.catalog,
    schemasDir: options.schemasDir,
  });

  withTargetOptions(
    schemas
      .command('register')
      .description(
        'set FULL_TRANSITIVE on each subject, then register every envelope version in order',
      )
      .option('--through <version>', 'register versions up to this one only', integerFrom(1)),
  ).action((options: TargetOptions & { through?: number }) =>
    runAction(deps.output, async () => {
      if (options.through !== undefined) {
        const newest = loadEnvelopeSchemas(options.schemasDir).at(-1)?.version ?? 0;
        if (options.through > newest) {
          throw new CliError(
            'usage',
            `--through ${options.through}: the newest version is v${newest}`,
          );
        }
      }
      const done = await registerEnvelopeSchemas(
        { ...target(options), throughVersion: options.through },
        deps.output,
      );
      return done ? exitCodes.ok : exitCodes.failure;
    }),
  );

  withTargetOptions(
    schemas
      .command('check')
      .description(
        'check every envelope version, and each given file, against the registry; registers nothing',
      )
      .argument('[files...]', 'further .avsc files to check, e.g. a proposed next version'),
  ).action((files: string[], options: TargetOptions) =>
    runAction(deps.output, async () => {
      const compatible = await checkEnvelopeSchemas({ ...target(options), files }, deps.output);
      return compatible ? exitCodes.ok : exitCodes.failure;
    }),
  );
  return schemas;
}
