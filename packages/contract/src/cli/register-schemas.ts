import { relative } from 'node:path';
import avsc from 'avsc';
import type { EnvelopeSchemaVersion } from '../envelope/envelope-schemas.ts';
import { ContractError } from '../errors/contract-error.ts';
import { explainIncompatibility } from '../registry/explain-incompatibility.ts';
import type { RegistryAdminClient } from '../registry/registry-admin-client.ts';
import type { CommandOutput } from './run-command.ts';

/** Inputs of {@link registerSchemas}. */
export interface RegisterSchemasInput {
  /** Registry to register in. */
  registry: RegistryAdminClient;
  /** Subjects to register every version under. */
  subjects: readonly string[];
  /** Versions, oldest first; registered in this order. */
  versions: readonly EnvelopeSchemaVersion[];
  /** Where progress lines go. */
  output: CommandOutput;
}

/**
 * Per subject: sets FULL_TRANSITIVE compatibility, then registers each version in order,
 * skipping those already present. Before registering a version it asks the registry whether
 * it is compatible, so a refusal is explained (subject, file, what breaks) rather than left
 * as a bare 409. Stops at the first failure by throwing; its lines say how far it got, and
 * the closing `done` line appears only when everything is registered.
 */
export async function registerSchemas(input: RegisterSchemasInput): Promise<boolean> {
  const { registry, subjects, versions, output } = input;
  let registered = 0;
  let present = 0;

  for (const subject of subjects) {
    await registry.setCompatibility(subject, 'FULL_TRANSITIVE');
    output.line(`config ${subject} compatibility=FULL_TRANSITIVE`);
    for (const { version, schema } of versions) {
      const file = relative(process.cwd(), schema.file);
      const existingId = await registry.lookup(subject, schema.text);
      if (existingId !== undefined) {
        present += 1;
        output.line(`present ${subject} v${version} id=${existingId} (${file})`);
        continue;
      }
      await refuseIfIncompatible(registry, subject, version, schema.text, file);
      const id = await registry.register(subject, schema.text);
      registered += 1;
      output.line(`registered ${subject} v${version} id=${id} (${file})`);
    }
  }
  output.line(
    `done: ${subjects.length} subjects at FULL_TRANSITIVE, ${registered} versions registered, ${present} already present`,
  );
  return true;
}

async function refuseIfIncompatible(
  registry: RegistryAdminClient,
  subject: string,
  version: number,
  schemaText: string,
  file: string,
): Promise<void> {
  const verdict = await registry.checkCompatibility(subject, schemaText);
  if (verdict.kind !== 'incompatible') return;

  const reasons = await describeBreak(registry, subject, schemaText, verdict.messages);
  throw new ContractError(
    'SCHEMA_INCOMPATIBLE',
    `incompatible: ${subject}: v${version} (${file}) was not registered: ${reasons}`,
  );
}

/**
 * What breaks, in words: the registry's own messages when it sends some (Confluent does,
 * Apicurio 3 answers only `is_compatible: false`), else avsc's resolution errors against
 * each registered version.
 */
export async function describeBreak(
  registry: RegistryAdminClient,
  subject: string,
  schemaText: string,
  registryMessages: readonly string[],
): Promise<string> {
  if (registryMessages.length > 0) return registryMessages.join('; ');

  const versions = await registry.listVersions(subject);
  const registeredTypes = await Promise.all(
    versions.map(async (version) => ({
      label: `registered version ${version}`,
      type: avsc.Type.forSchema(JSON.parse(await registry.getVersionSchema(subject, version))),
    })),
  );
  const reasons = explainIncompatibility(
    avsc.Type.forSchema(JSON.parse(schemaText)),
    registeredTypes,
  );
  return reasons.length > 0
    ? reasons.join('; ')
    : 'the registry reports it incompatible under FULL_TRANSITIVE without saying why';
}
