import { loadEnvelopeSchemas } from '../envelope/envelope-schemas.ts';
import { createRegistryAdminClient } from '../registry/registry-admin-client.ts';
import type { EnvelopeSchemaTarget } from './envelope-schema-target.ts';
import { envelopeSubjectsFor } from './envelope-schema-target.ts';
import { registerSchemas } from './register-schemas.ts';
import type { CommandOutput } from './run-command.ts';

/** Inputs of {@link registerEnvelopeSchemas}. */
export interface RegisterEnvelopeSchemasOptions extends EnvelopeSchemaTarget {
  /** Register versions up to this one only; absent means every version. */
  throughVersion?: number;
}

/**
 * The `schemas register` command: sets FULL_TRANSITIVE on each subject and registers the
 * repository's envelope versions in order (see `registerSchemas`). Throws `ContractError` at the
 * first refusal or when the registry cannot be reached. Shared by the contract's own script and
 * the `tributary` CLI.
 */
export function registerEnvelopeSchemas(
  options: RegisterEnvelopeSchemasOptions,
  output: CommandOutput,
): Promise<boolean> {
  const through = options.throughVersion;
  const versions = loadEnvelopeSchemas(options.schemasDir).filter(
    ({ version }) => through === undefined || version <= through,
  );
  return registerSchemas({
    registry: createRegistryAdminClient({ url: options.registryUrl }),
    subjects: envelopeSubjectsFor(options),
    versions,
    output,
  });
}
