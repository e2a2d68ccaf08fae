import { loadEnvelopeSchemas } from '../envelope/envelope-schemas.ts';
import { createRegistryAdminClient } from '../registry/registry-admin-client.ts';
import { loadSchemaFile } from '../schema/load-schema-file.ts';
import { checkSchemas } from './check-schemas.ts';
import type { EnvelopeSchemaTarget } from './envelope-schema-target.ts';
import { envelopeSubjectsFor } from './envelope-schema-target.ts';
import type { CommandOutput } from './run-command.ts';

/** Inputs of {@link checkEnvelopeSchemas}. */
export interface CheckEnvelopeSchemasOptions extends EnvelopeSchemaTarget {
  /** Further `.avsc` files to check, such as a proposed next version; may be empty. */
  files: readonly string[];
}

/**
 * The `schemas check` command: checks every repository version and each extra file against
 * the live registry, registering nothing (see `checkSchemas`). Resolves false when something is
 * incompatible (each printed as one failure line). Shared by the contract's own script and the
 * `tributary` CLI.
 */
export function checkEnvelopeSchemas(
  options: CheckEnvelopeSchemasOptions,
  output: CommandOutput,
): Promise<boolean> {
  return checkSchemas({
    registry: createRegistryAdminClient({ url: options.registryUrl }),
    subjects: envelopeSubjectsFor(options),
    versions: loadEnvelopeSchemas(options.schemasDir),
    extra: options.files.map((file) => loadSchemaFile(file)),
    output,
  });
}
