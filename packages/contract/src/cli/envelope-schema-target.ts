import { loadTopicCatalog } from '../catalog/load-topic-catalog.ts';
import { ContractError } from '../errors/contract-error.ts';
import { envelopeSubjects } from './envelope-subjects.ts';

/** Where the `schemas` commands act: which registry, subjects and schema files. */
export interface EnvelopeSchemaTarget {
  /** Confluent-compatible API base URL; read from `SCHEMA_REGISTRY_URL` by the caller. */
  registryUrl: string;
  /** Prefix of every subject; empty for none. */
  prefix: string;
  /** Sources to act on; absent means every source of the catalog. */
  sources?: readonly string[];
  /** Catalog naming the sources; absent means `deploy/catalog.yaml`. `sources` must be in it. */
  catalogFile?: string;
  /** Folder of `v<n>.avsc` envelope versions; absent means `schemas/webhook-envelope`. */
  schemasDir?: string;
}

/**
 * The value subjects a target names: the given sources, else every source of the catalog.
 * A given source the catalog lacks is refused (CATALOG_ENTRY_UNKNOWN) before anything is
 * registered: a typo must not leave a subject behind for a topic that does not exist.
 */
export function envelopeSubjectsFor(target: EnvelopeSchemaTarget): string[] {
  const catalog = loadTopicCatalog(target.catalogFile);
  const known = catalog.sources.map((entry) => entry.source);
  const unknown = (target.sources ?? []).filter((source) => !known.includes(source));
  if (unknown.length > 0) {
    throw new ContractError(
      'CATALOG_ENTRY_UNKNOWN',
      `source ${unknown.join(', ')} is not in topic catalog ${catalog.file} (sources: ${known.join(', ')})`,
    );
  }
  return envelopeSubjects(catalog, target.sources, target.prefix);
}
