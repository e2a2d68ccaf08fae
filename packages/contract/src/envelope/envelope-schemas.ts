import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractError } from '../errors/contract-error.ts';
import { type LoadedSchema, loadSchemaFile } from '../schema/load-schema-file.ts';

/** Full name every envelope version carries; a rename would be a new major. */
export const envelopeRecordName = 'dev.tributary.WebhookEnvelope';

/** Folder holding `v1.avsc`, `v2.avsc`, ...: the versions of envelope major 1. */
export const envelopeSchemaDir = fileURLToPath(
  new URL('../../../../schemas/webhook-envelope/', import.meta.url),
);

/** One version of the envelope schema. */
export interface EnvelopeSchemaVersion {
  /** Version number from the file name (`v2.avsc` is 2); registration order. */
  readonly version: number;
  /** The validated schema. */
  readonly schema: LoadedSchema;
}

const versionFilePattern = /^v([1-9][0-9]*)\.avsc$/;

/**
 * Loads and validates every envelope version in `dir`, oldest first. Versions must be
 * numbered 1..n without gaps and all name {@link envelopeRecordName}. Synchronous, for start.
 */
export function loadEnvelopeSchemas(dir: string = envelopeSchemaDir): EnvelopeSchemaVersion[] {
  const versions = listVersionFiles(dir).map(({ version, file }) => ({
    version,
    schema: loadSchemaFile(join(dir, file)),
  }));

  versions.forEach(({ version, schema }, index) => {
    if (version !== index + 1) {
      throw new ContractError('SCHEMA_INVALID', `envelope versions in ${dir} skip v${index + 1}`);
    }
    if (schema.type.name !== envelopeRecordName) {
      throw new ContractError(
        'SCHEMA_INVALID',
        `invalid Avro schema ${schema.file}: names ${schema.type.name}, expected ${envelopeRecordName}`,
      );
    }
  });
  return versions;
}

/** The version `version` of the envelope, loaded from `dir`. */
export function loadEnvelopeSchema(version: number, dir: string = envelopeSchemaDir): LoadedSchema {
  const found = loadEnvelopeSchemas(dir).find((entry) => entry.version === version);
  if (found === undefined) {
    throw new ContractError('SCHEMA_FILE_UNREADABLE', `no envelope schema v${version} in ${dir}`);
  }
  return found.schema;
}

function listVersionFiles(dir: string): Array<{ version: number; file: string }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error: unknown) {
    throw new ContractError('SCHEMA_FILE_UNREADABLE', `cannot list schema folder ${dir}`, {
      cause: error,
    });
  }
  const versions = names.flatMap((file) => {
    const match = versionFilePattern.exec(file);
    return match?.[1] === undefined ? [] : [{ version: Number(match[1]), file }];
  });
  if (versions.length === 0) {
    throw new ContractError('SCHEMA_FILE_UNREADABLE', `no v<n>.avsc files in ${dir}`);
  }
  return versions.sort((a, b) => a.version - b.version);
}
