import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ContractError } from '../errors/contract-error.ts';
import type { TopicCatalog } from './topic-catalog.ts';
import { topicCatalogSchema } from './topic-catalog-schema.ts';

/** The repository's catalog, `deploy/catalog.yaml`. */
export const defaultCatalogFile = fileURLToPath(
  new URL('../../../../deploy/catalog.yaml', import.meta.url),
);

/**
 * Reads, validates and freezes the topic catalog. Synchronous, for start. Throws
 * `CATALOG_UNREADABLE`, or `CATALOG_INVALID` listing every problem with its path.
 */
export function loadTopicCatalog(file: string = defaultCatalogFile): TopicCatalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    throw new ContractError('CATALOG_UNREADABLE', `cannot read topic catalog ${file}`, {
      cause: error,
    });
  }
  return parseTopicCatalog(text, file);
}

/** Validates catalog YAML text as {@link loadTopicCatalog} does; `file` names it in errors. */
export function parseTopicCatalog(text: string, file: string): TopicCatalog {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error: unknown) {
    throw new ContractError(
      'CATALOG_INVALID',
      `topic catalog ${file} is not valid YAML: ${(error as Error).message}`,
      { cause: error },
    );
  }

  const result = topicCatalogSchema.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ContractError(
      'CATALOG_INVALID',
      `topic catalog ${file} is invalid: ${problems.join('; ')}`,
      { cause: result.error },
    );
  }

  const parsed = result.data;
  return deepFreeze({
    file,
    replicationFactor: parsed.replicationFactor,
    ingressMaxBodyBytes: parsed.ingressMaxBodyBytes,
    sources: parsed.sources.map((entry) => ({
      source: entry.source,
      major: entry.major,
      partitions: entry.partitions,
      retentionMs: entry.retention,
      maxMessageBytes: entry.maxMessageBytes,
    })),
    groups: parsed.groups.map((entry) => ({
      group: entry.group,
      reads: entry.reads.map((ref) => ({ source: ref.source, major: ref.major })),
      tierDelaysMs: entry.tiers,
      maxAttempts: entry.maxAttempts,
      dedupWindowMs: entry.dedupWindow,
      dlqRetentionMs: entry.dlqRetention,
    })),
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
