import type { DeadLetterFilter } from '@tributary/consumer-runtime';
import type { GroupTopology } from '@tributary/contract';
import { CliError } from '../errors/cli-error.ts';
import { resolveTimeBound, type TimeBound } from './time-bound.ts';

/** The filter options `dlq list` and `dlq replay` share, as commander parses them. */
export interface FilterOptions {
  /** Source name (`github`) or source topic (`webhooks.github.v1`, prefix optional). */
  source?: string;
  errorClass?: string;
  schemaId?: number;
  from?: TimeBound;
  to?: TimeBound;
}

/** True when the options set at least one filter. */
export function hasFilter(options: FilterOptions): boolean {
  return [options.source, options.errorClass, options.schemaId, options.from, options.to].some(
    (value) => value !== undefined,
  );
}

/**
 * The runtime's {@link DeadLetterFilter} for these options: the source resolved to one of the
 * group's source topics (by source name, or topic name with or without the prefix), the time
 * bounds resolved against `nowMs`. An unknown source is a usage error naming the known ones.
 */
export function deadLetterFilter(
  options: FilterOptions,
  topology: GroupTopology,
  prefix: string,
  nowMs: number,
): DeadLetterFilter {
  const filter: DeadLetterFilter = {};
  if (options.source !== undefined)
    filter.sourceTopic = sourceTopicOf(options.source, topology, prefix);
  if (options.errorClass !== undefined) filter.errorClass = options.errorClass;
  if (options.schemaId !== undefined) filter.schemaId = options.schemaId;
  if (options.from !== undefined) filter.fromMs = resolveTimeBound(options.from, nowMs);
  if (options.to !== undefined) filter.toMs = resolveTimeBound(options.to, nowMs);
  return filter;
}

function sourceTopicOf(source: string, topology: GroupTopology, prefix: string): string {
  const topics = topology.routes.map((route) => route.sourceTopic);
  const found = topics.find(
    (topic) =>
      topic === source ||
      topic === `${prefix}${source}` ||
      topic.startsWith(`${prefix}webhooks.${source}.v`),
  );
  if (found === undefined) {
    throw new CliError(
      'usage',
      `${topology.groupId} reads no source ${JSON.stringify(source)} (it reads ${topics.join(', ')})`,
    );
  }
  return found;
}
