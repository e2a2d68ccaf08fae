import type { TopicCatalog } from '../catalog/topic-catalog.ts';
import { ContractError } from '../errors/contract-error.ts';
import { sourceTopicName, valueSubjectName } from '../topics/topic-names.ts';

/** The envelope major whose versions live in `schemas/webhook-envelope/`. */
export const envelopeMajor = 1;

/**
 * Value subjects of the envelope topics: one per source, `<prefix>webhooks.<source>.v1-value`.
 * Sources are `sources` when given, else every source of the catalog (which must all be of
 * major 1: the repository holds no schemas for another major yet).
 */
export function envelopeSubjects(
  catalog: TopicCatalog | undefined,
  sources: readonly string[] | undefined,
  prefix: string,
): string[] {
  const names = sources ?? catalogSources(catalog);
  return [...new Set(names)].map((source) =>
    valueSubjectName(sourceTopicName({ source, major: envelopeMajor }, prefix)),
  );
}

function catalogSources(catalog: TopicCatalog | undefined): string[] {
  if (catalog === undefined) return [];
  const other = catalog.sources.find((entry) => entry.major !== envelopeMajor);
  if (other !== undefined) {
    throw new ContractError(
      'CATALOG_INVALID',
      `topic catalog ${catalog.file} declares ${other.source}.v${other.major}, but only envelope major ${envelopeMajor} has schemas`,
    );
  }
  return catalog.sources.map((entry) => entry.source);
}
