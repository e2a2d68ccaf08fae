import type { Type } from 'avsc';

/**
 * What the codec needs from a schema registry. The production implementation is
 * {@link createConfluentRegistryPort}; tests substitute an in-memory one.
 */
export interface SchemaRegistryPort {
  /**
   * The avsc type of the schema registered under `id`, built with the project's avro
   * options. Rejects with `SCHEMA_ID_UNKNOWN` or `REGISTRY_UNREACHABLE`.
   */
  fetchType(id: number): Promise<Type>;
  /** Id of `schemaText` under `subject`; rejects with `SCHEMA_NOT_REGISTERED` when absent. */
  lookupId(subject: string, schemaText: string): Promise<number>;
  /** Registers `schemaText` under `subject` (or finds it) and returns its id. */
  register(subject: string, schemaText: string): Promise<number>;
}
