import {
  type GroupSourceRoute,
  type GroupTopology,
  groupTopology,
  type LoadedSchema,
  loadEnvelopeSchemas,
  sourceTopicName,
  type TopicCatalog,
} from '@tributary/contract';
import type { Logger } from '@tributary/logger';
import { z } from 'zod';
import { RuntimeError } from '../errors/runtime-error.ts';
import type { FaultHooks } from '../process/fault-hooks.ts';
import type { EventHandler, ServiceDefinition } from './service-definition.ts';
import { startOptionDefaults as d, type StartServiceOptions } from './start-options.ts';
import { type TopicRole, topicRoles } from './topic-roles.ts';

const ms = z.number().int().positive();
const isFunction = (value: unknown) => typeof value === 'function';

const definitionSchema = z.object({
  name: z.string().min(1),
  eventTypes: z.array(z.string().min(1)).min(1),
  handler: z.custom<EventHandler<unknown>>(isFunction, 'must be a function'),
  sources: z
    .array(z.object({ source: z.string().min(1), major: z.number().int().min(1) }))
    .min(1)
    .optional(),
  concurrency: z.number().int().min(1).max(1_000).default(d.concurrency),
  handlerTimeoutMs: ms.default(d.handlerTimeoutMs),
  startFrom: z.enum(['earliest', 'latest']).default(d.startFrom),
});

const optionsSchema = z
  .object({
    brokers: z.array(z.string().min(1)).min(1),
    schemaRegistryUrl: z.url(),
    catalog: z.custom<TopicCatalog>((v) => typeof v === 'object' && v !== null && 'groups' in v),
    prefix: z.string().default(d.prefix),
    logger: z.custom<Logger>(
      (v) => isFunction((v as Logger | undefined)?.child),
      'must be a pino logger',
    ),
    clientId: z.string().min(1).optional(),
    envelopeSchema: z.custom<LoadedSchema>((v) => typeof v === 'object' && v !== null).optional(),
    sessionTimeoutMs: ms.min(1_000).default(d.sessionTimeoutMs),
    rebalanceTimeoutMs: ms.default(d.rebalanceTimeoutMs),
    heartbeatIntervalMs: ms.default(d.heartbeatIntervalMs),
    transactionTimeoutMs: ms.default(d.transactionTimeoutMs),
    maxRecordsPerTransaction: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(d.maxRecordsPerTransaction),
    fetchMaxWaitMs: ms.default(d.fetchMaxWaitMs),
    jitterRatio: z.number().min(0).max(1).default(d.jitterRatio),
    registryRetryInitialMs: ms.default(d.registryRetryInitialMs),
    registryRetryMaxMs: ms.default(d.registryRetryMaxMs),
    registryRequestTimeoutMs: ms.default(d.registryRequestTimeoutMs),
    shutdownTimeoutMs: ms.default(d.shutdownTimeoutMs),
    dedupMaxEntries: z.number().int().min(1).default(d.dedupMaxEntries),
    marksRebuildTimeoutMs: ms.default(d.marksRebuildTimeoutMs),
    producerSendRetries: z.number().int().min(0).max(100).default(d.producerSendRetries),
    stopOnSignals: z.array(z.string().regex(/^SIG[A-Z0-9]+$/)).default([...d.stopOnSignals]),
    metricsPort: z.number().int().min(0).max(65_535).default(d.metricsPort),
    faultHooks: z.custom<FaultHooks>((v) => typeof v === 'object' && v !== null).optional(),
    afterStop: z.custom<() => Promise<void> | void>((v) => typeof v === 'function').optional(),
  })
  .superRefine((options, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (options.heartbeatIntervalMs >= options.sessionTimeoutMs) {
      issue('heartbeatIntervalMs', 'must be below sessionTimeoutMs');
    }
    if (options.registryRetryInitialMs > options.registryRetryMaxMs) {
      issue('registryRetryInitialMs', 'must not exceed registryRetryMaxMs');
    }
  });

type ParsedDefinition = z.output<typeof definitionSchema>;
type ParsedOptions = Omit<z.output<typeof optionsSchema>, 'stopOnSignals'> & {
  stopOnSignals: readonly NodeJS.Signals[];
};

/** A service definition and its start options, validated, defaulted and frozen. */
export interface ServiceConfig<E> {
  /** The definition with its defaults. */
  readonly definition: Omit<ParsedDefinition, 'handler'> & { handler: EventHandler<E> };
  /** The options with their defaults. */
  readonly options: ParsedOptions & { envelopeSchema: LoadedSchema };
  /** The group's catalog entry, names prefixed. */
  readonly topology: GroupTopology;
  /** Routes of the sources this service reads. */
  readonly routes: readonly GroupSourceRoute[];
  /** Every consumed topic and its role. */
  readonly roles: ReadonlyMap<string, TopicRole>;
  /** The handled event types. */
  readonly eventTypes: ReadonlySet<string>;
}

/**
 * Validates `definition` and `options` once, at start, reads the group's tiers, attempts
 * and dedup window from the catalog, and freezes the result. Throws `INVALID_DEFINITION`
 * listing every invalid field, including the cross-field rules (handler timeout below the
 * rebalance timeout, heartbeat below the session timeout, sources the catalog declares).
 */
export function resolveServiceConfig<E>(
  definition: ServiceDefinition<E>,
  options: StartServiceOptions,
): ServiceConfig<E> {
  const parsedDefinition = parse(definitionSchema, definition, 'service definition');
  const parsedOptions = parse(optionsSchema, options, 'start options') as ParsedOptions;
  if (parsedDefinition.handlerTimeoutMs >= parsedOptions.rebalanceTimeoutMs) {
    throw invalid(
      `handlerTimeoutMs (${parsedDefinition.handlerTimeoutMs}) must be below rebalanceTimeoutMs (${parsedOptions.rebalanceTimeoutMs}): a member still in its handler must rejoin in time`,
    );
  }

  const topology = topologyOf(parsedOptions.catalog, parsedDefinition.name, parsedOptions.prefix);
  const routes = selectRoutes(topology, parsedDefinition.sources, parsedOptions.prefix);
  const envelopeSchema = parsedOptions.envelopeSchema ?? newestEnvelopeSchema();
  return Object.freeze({
    definition: Object.freeze({
      ...parsedDefinition,
      handler: definition.handler,
    }),
    options: Object.freeze({ ...parsedOptions, envelopeSchema }),
    topology,
    routes,
    roles: topicRoles(routes),
    eventTypes: new Set(parsedDefinition.eventTypes),
  });
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw invalid(`${what} is invalid: ${problems.join('; ')}`, result.error);
}

function invalid(message: string, cause?: unknown): RuntimeError {
  return new RuntimeError('INVALID_DEFINITION', message, { cause });
}

function topologyOf(catalog: TopicCatalog, name: string, prefix: string): GroupTopology {
  try {
    return groupTopology(catalog, name, prefix);
  } catch (error: unknown) {
    throw invalid(
      `service ${name} has no usable catalog entry: ${(error as Error).message}`,
      error,
    );
  }
}

function selectRoutes(
  topology: GroupTopology,
  sources: ParsedDefinition['sources'],
  prefix: string,
): readonly GroupSourceRoute[] {
  if (sources === undefined) return topology.routes;
  return Object.freeze(
    sources.map((ref) => {
      const topic = sourceTopicName(ref, prefix);
      const route = topology.routes.find((candidate) => candidate.sourceTopic === topic);
      if (route === undefined) {
        throw invalid(
          `source ${ref.source}.v${ref.major} is not in the catalog reads of the group`,
        );
      }
      return route;
    }),
  );
}

function newestEnvelopeSchema(): LoadedSchema {
  const versions = loadEnvelopeSchemas();
  const newest = versions[versions.length - 1];
  if (newest === undefined) throw invalid('no envelope schema versions found');
  return newest.schema;
}
