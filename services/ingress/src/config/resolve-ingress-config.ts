import { sourceTopicName, type TopicCatalog } from '@tributary/contract';
import { z } from 'zod';
import type { GzipPolicy } from '../body/content-encoding.ts';
import { IngressError } from '../errors/ingress-error.ts';
import type { EventFieldLocators } from '../extraction/extract-event-fields.ts';
import {
  type FieldLocator,
  type ResolvedLocator,
  resolveLocator,
} from '../extraction/field-locator.ts';
import { createVerifier, type VerifierConfig } from '../verification/create-verifier.ts';
import type { RotationSet } from '../verification/rotation-secrets.ts';
import { isVerificationFailure } from '../verification/verification-result.ts';
import type { Verifier } from '../verification/verifier.ts';
import { VerifierError } from '../verification/verifier-error.ts';
import { ingressConfigSchema, type ParsedIngressConfig } from './ingress-config.ts';
import { defaultSecretsEnv, readRotationSecrets } from './read-rotation-secrets.ts';
import type { HandshakeName, ParsedSourceConfig, RateLimitConfig } from './source-config.ts';
import { sourceDefaults } from './source-config.ts';

/** A source ready to serve: verifier built, secrets read, topic named. Frozen. */
export interface ResolvedSource {
  readonly name: string;
  readonly verifier: Verifier;
  /** Empty when the secrets variable is unset: the source then answers every delivery 401. */
  readonly secrets: RotationSet;
  /** The variable the secrets came from (never its value). */
  readonly secretsEnv: string;
  readonly fields: EventFieldLocators;
  readonly maxBodyBytes: number;
  readonly contentTypes: ReadonlySet<string>;
  readonly gzip: GzipPolicy;
  readonly rateLimit: RateLimitConfig | null;
  /** Lower-cased names of the headers copied into the envelope. */
  readonly headerAllowList: readonly string[];
  readonly handshake: HandshakeName;
  /** Full topic name, prefix included. */
  readonly topic: string;
}

/** The validated configuration, every default applied, frozen. */
export interface ResolvedIngressConfig {
  readonly server: ParsedIngressConfig['server'];
  readonly kafka: ParsedIngressConfig['kafka'];
  readonly registry: ParsedIngressConfig['registry'];
  readonly publish: ParsedIngressConfig['publish'];
  readonly topicPrefix: string;
  readonly sources: ReadonlyMap<string, ResolvedSource>;
}

/** What {@link resolveIngressConfig} needs besides the configuration itself. */
export interface ResolveContext {
  /** Where secrets variables are looked up (the process environment, read at the edge). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The topic catalog, when loaded: the default body limit becomes its `ingressMaxBodyBytes`,
   * no source may exceed it, and every source topic must be declared in it.
   */
  readonly catalog?: TopicCatalog;
}

/**
 * Validates the configuration once at start: the schema, every verifier's options, every
 * secret set (each secret must be usable by its scheme), topic names, and the catalog's
 * limits. Throws {@link IngressError} `config_invalid` listing every problem with its path;
 * messages name secret variables, never secret values. A source whose variable is unset
 * stays configured and answers 401 to every delivery (listed in `sourcesWithoutSecrets`),
 * so the bundled six-source configuration runs with only the secrets a deployment has.
 */
export function resolveIngressConfig(
  input: unknown,
  context: ResolveContext,
): { config: ResolvedIngressConfig; sourcesWithoutSecrets: readonly string[] } {
  const parsed = ingressConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new IngressError(
      'config_invalid',
      `invalid ingress configuration:\n${z.prettifyError(parsed.error)}`,
      { cause: parsed.error },
    );
  }

  const problems: string[] = [];
  const sources = new Map<string, ResolvedSource>();
  for (const [name, source] of Object.entries(parsed.data.sources)) {
    const found: string[] = [];
    const resolved = resolveSource(name, source, parsed.data.topicPrefix, context, (problem) =>
      found.push(problem),
    );
    problems.push(...found.map((problem) => `sources.${name}${problem}`));
    if (found.length === 0 && resolved !== undefined) sources.set(name, resolved);
  }
  if (problems.length > 0) {
    throw new IngressError(
      'config_invalid',
      `invalid ingress configuration:\n${problems.map((p) => `  ✖ ${p}`).join('\n')}`,
    );
  }

  const { server, kafka, registry, publish, topicPrefix } = parsed.data;
  const config = deepFreeze({ server, kafka, registry, publish, topicPrefix, sources });
  const sourcesWithoutSecrets = [...sources.values()]
    .filter((source) => source.secrets.length === 0)
    .map((source) => source.name);
  return { config, sourcesWithoutSecrets };
}

type Report = (problem: string) => void;

function resolveSource(
  name: string,
  source: ParsedSourceConfig,
  prefix: string,
  context: ResolveContext,
  report: Report,
): ResolvedSource | undefined {
  const verifier = buildVerifier(source.verification, report);
  const secretsEnv = source.secretsEnv ?? defaultSecretsEnv(name);
  const secrets =
    verifier === undefined ? [] : readSecrets(verifier, secretsEnv, context.env, report);
  const fields = {
    eventId: resolveLocators(source.eventId, '.eventId', report),
    eventType: resolveLocators(source.eventType, '.eventType', report),
    partitionKey: resolveLocators(source.partitionKey, '.partitionKey', report),
  };
  const topic = nameTopic(source, name, prefix, report);
  const maxBodyBytes = bodyLimit(source, context.catalog, report);
  checkCatalogDeclares(source, name, context.catalog, report);

  if (verifier === undefined || topic === undefined) return undefined;
  return {
    name,
    verifier,
    secrets,
    secretsEnv,
    fields,
    maxBodyBytes,
    contentTypes: new Set(source.contentTypes),
    gzip: source.gzip,
    rateLimit: source.rateLimit,
    headerAllowList: [...new Set(source.headers)],
    handshake: source.handshake,
    topic,
  };
}

function buildVerifier(config: VerifierConfig, report: Report): Verifier | undefined {
  try {
    return createVerifier(config);
  } catch (error: unknown) {
    if (!(error instanceof VerifierError)) throw error;
    report(
      `.verification: ${error.message}${error.issues === undefined ? '' : `: ${error.issues}`}`,
    );
    return undefined;
  }
}

function readSecrets(
  verifier: Verifier,
  variable: string,
  env: ResolveContext['env'],
  report: Report,
): RotationSet {
  const read = readRotationSecrets(env[variable]);
  if (read.kind === 'absent') return [];
  if (read.kind === 'invalid') {
    report(`: ${variable}: ${read.problem}`);
    return [];
  }

  const check = verifier.checkSecrets(read.secrets);
  if (isVerificationFailure(check)) {
    report(
      `: ${variable}: a secret cannot be used by the ${verifier.scheme} scheme (${check.reason})`,
    );
    return [];
  }
  return read.secrets;
}

function resolveLocators(
  locators: readonly FieldLocator[],
  path: string,
  report: Report,
): ResolvedLocator[] {
  return locators.flatMap((locator, index) => {
    const resolved = resolveLocator(locator);
    if (typeof resolved === 'string') {
      report(`${path}[${index}].pointer: ${resolved}`);
      return [];
    }
    return [resolved];
  });
}

function nameTopic(
  source: ParsedSourceConfig,
  name: string,
  prefix: string,
  report: Report,
): string | undefined {
  try {
    return sourceTopicName(
      { source: source.topic.source ?? name, major: source.topic.major ?? sourceDefaults.major },
      prefix,
    );
  } catch (error: unknown) {
    report(`.topic: ${(error as Error).message}`);
    return undefined;
  }
}

function bodyLimit(
  source: ParsedSourceConfig,
  catalog: TopicCatalog | undefined,
  report: Report,
): number {
  const ceiling = catalog?.ingressMaxBodyBytes;
  const limit = source.maxBodyBytes ?? ceiling ?? sourceDefaults.maxBodyBytes;
  if (ceiling !== undefined && limit > ceiling) {
    report(
      `.maxBodyBytes: ${limit} exceeds the catalog's ingressMaxBodyBytes (${ceiling}); the topic could not take such records`,
    );
  }
  return limit;
}

function checkCatalogDeclares(
  source: ParsedSourceConfig,
  name: string,
  catalog: TopicCatalog | undefined,
  report: Report,
): void {
  if (catalog === undefined) return;
  const topicSource = source.topic.source ?? name;
  const major = source.topic.major ?? sourceDefaults.major;
  const declared = catalog.sources.some(
    (entry) => entry.source === topicSource && entry.major === major,
  );
  if (!declared) {
    report(`.topic: webhooks.${topicSource}.v${major} is not declared in ${catalog.file}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (value instanceof Map) {
    for (const nested of value.values()) deepFreeze(nested);
    return Object.freeze(value);
  }
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}
