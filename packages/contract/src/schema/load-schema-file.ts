import { readFileSync } from 'node:fs';
import type { Schema, Type } from 'avsc';
import avsc from 'avsc';
import { ContractError } from '../errors/contract-error.ts';
import { avroTypeOptions } from './avro-type-options.ts';

/** An Avro schema read from a file and proven valid. */
export interface LoadedSchema {
  /** Path the schema was read from, as given. */
  readonly file: string;
  /** Compact JSON of the schema: the exact text registered and looked up in the registry. */
  readonly text: string;
  /** The parsed avsc type, built with {@link avroTypeOptions}. */
  readonly type: Type;
}

/**
 * Reads an `.avsc` file and validates it before anything uses it: well-formed JSON, a
 * schema avsc accepts with the project's logical types (which refuses a union default that
 * does not match the union's first branch), and a `doc` on every record and field.
 * Synchronous: it runs once at start. Throws `SCHEMA_FILE_UNREADABLE` or `SCHEMA_INVALID`,
 * both naming the file.
 */
export function loadSchemaFile(file: string): LoadedSchema {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    throw new ContractError('SCHEMA_FILE_UNREADABLE', `cannot read schema file ${file}`, {
      cause: error,
    });
  }
  return parseSchemaText(content, file);
}

/** Validates schema JSON text as {@link loadSchemaFile} does; `file` only names it in errors. */
export function parseSchemaText(content: string, file: string): LoadedSchema {
  let definition: unknown;
  try {
    definition = JSON.parse(content);
  } catch (error: unknown) {
    throw invalid(file, `not valid JSON: ${describe(error)}`, error);
  }

  let type: Type;
  try {
    type = avsc.Type.forSchema(definition as Schema, avroTypeOptions());
  } catch (error: unknown) {
    throw invalid(file, describe(error), error);
  }

  const undocumented = findUndocumented(definition, '');
  if (undocumented.length > 0) {
    throw invalid(file, `missing "doc" on ${undocumented.join(', ')}`);
  }
  return Object.freeze({ file, text: JSON.stringify(definition), type });
}

/** Paths of records and fields without a non-empty `doc`, walking nested types. */
function findUndocumented(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((branch) => findUndocumented(branch, path));
  if (node === null || typeof node !== 'object') return [];

  const schema = node as Record<string, unknown>;
  if (schema.type !== 'record') {
    return [schema.items, schema.values].flatMap((inner) => findUndocumented(inner, path));
  }

  const recordPath = path === '' ? String(schema.name) : path;
  const missing = hasDoc(schema) ? [] : [`record ${recordPath}`];
  const fields = Array.isArray(schema.fields) ? (schema.fields as Record<string, unknown>[]) : [];
  for (const field of fields) {
    const fieldPath = `${recordPath}.${String(field.name)}`;
    if (!hasDoc(field)) missing.push(`field ${fieldPath}`);
    missing.push(...findUndocumented(field.type, fieldPath));
  }
  return missing;
}

function hasDoc(node: Record<string, unknown>): boolean {
  return typeof node.doc === 'string' && node.doc.trim() !== '';
}

function invalid(file: string, problem: string, cause?: unknown): ContractError {
  return new ContractError('SCHEMA_INVALID', `invalid Avro schema ${file}: ${problem}`, { cause });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
