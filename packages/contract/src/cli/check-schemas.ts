import { relative } from 'node:path';
import type { EnvelopeSchemaVersion } from '../envelope/envelope-schemas.ts';
import { explainIncompatibility } from '../registry/explain-incompatibility.ts';
import type { RegistryAdminClient } from '../registry/registry-admin-client.ts';
import type { LoadedSchema } from '../schema/load-schema-file.ts';
import { describeBreak } from './register-schemas.ts';
import type { CommandOutput } from './run-command.ts';

/** Inputs of {@link checkSchemas}. */
export interface CheckSchemasInput {
  /** Registry to ask. */
  registry: RegistryAdminClient;
  /** Subjects to check against. */
  subjects: readonly string[];
  /** The repository's versions, oldest first. */
  versions: readonly EnvelopeSchemaVersion[];
  /** Further schema files to check (a proposed next version). */
  extra: readonly LoadedSchema[];
  /** Where result lines go. */
  output: CommandOutput;
}

/**
 * Asks the registry whether each repository version and each extra file is compatible
 * with every version registered under each subject, registering nothing. A subject with no
 * versions yet is checked locally against the repository's earlier versions instead. One
 * line per check; incompatible ones go to the failure stream and make the result false.
 */
export async function checkSchemas(input: CheckSchemasInput): Promise<boolean> {
  const { registry, subjects, versions, extra, output } = input;
  const candidates = [
    ...versions.map(({ version, schema }) => ({
      schema,
      earlier: versions.filter((v) => v.version < version),
    })),
    ...extra.map((schema) => ({ schema, earlier: versions })),
  ];
  let failures = 0;

  for (const subject of subjects) {
    for (const { schema, earlier } of candidates) {
      const file = relative(process.cwd(), schema.file);
      const { problem, note } = await findProblem(registry, subject, schema, earlier);
      if (problem === undefined) {
        output.line(`compatible ${subject} (${file})${note}`);
      } else {
        failures += 1;
        output.fail(`incompatible: ${subject}: ${file}: ${problem}${note}`);
      }
    }
  }
  output.line(`checked ${candidates.length * subjects.length}: ${failures} incompatible`);
  return failures === 0;
}

async function findProblem(
  registry: RegistryAdminClient,
  subject: string,
  schema: LoadedSchema,
  earlier: readonly EnvelopeSchemaVersion[],
): Promise<{ problem?: string; note: string }> {
  const verdict = await registry.checkCompatibility(subject, schema.text);
  if (verdict.kind === 'compatible') return { note: '' };
  if (verdict.kind === 'incompatible') {
    return {
      problem: await describeBreak(registry, subject, schema.text, verdict.messages),
      note: '',
    };
  }

  const local = explainIncompatibility(
    schema.type,
    earlier.map((v) => ({ label: `repository v${v.version}`, type: v.schema.type })),
  );
  const note = ' (subject not registered yet; checked against the repository versions)';
  return local.length > 0 ? { problem: local.join('; '), note } : { note };
}
