import { loadTopicCatalog } from '../catalog/load-topic-catalog.ts';
import { envelopeSubjects } from './envelope-subjects.ts';

/** Where the `schemas` commands act: which registry, subjects and schema files. */
export interface EnvelopeSchemaTarget {
  /** Confluent-compatible API base URL; read from `SCHEMA_REGISTRY_URL` by the caller. */
  registryUrl: string;
  /** Prefix of every subject; empty for none. */
  prefix: string;
  /** Sources to act on; absent means every source of the catalog. */
  sources?: readonly string[];
  /** Catalog naming the sources; absent means `deploy/catalog.yaml`. Unread when `sources` is given. */
  catalogFile?: string;
  /** Folder of `v<n>.avsc` envelope versions; absent means `schemas/webhook-envelope`. */
  schemasDir?: string;
}

/** The value subjects a target names: the given sources, else every source of the catalog. */
export function envelopeSubjectsFor(target: EnvelopeSchemaTarget): string[] {
  const catalog = target.sources === undefined ? loadTopicCatalog(target.catalogFile) : undefined;
  return envelopeSubjects(catalog, target.sources, target.prefix);
}
