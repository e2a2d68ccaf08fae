import { readFile } from 'node:fs/promises';
import { IngressError } from '../errors/ingress-error.ts';
import { defaultIngressConfig } from './default-ingress-config.ts';

/** The environment variables the ingress reads (secrets variables aside); all optional. */
export type IngressEnv = Readonly<Record<string, string | undefined>>;

/** Where the configuration came from, and what it is before validation. */
export interface ConfigFromEnv {
  /** `bundled default`, or the path of the file named by `TRIBUTARY_INGRESS_CONFIG`. */
  readonly origin: string;
  /** The configuration with environment overrides applied, still to be validated. */
  readonly input: Record<string, unknown>;
}

/**
 * Reads the configuration at the edge: the JSON file `TRIBUTARY_INGRESS_CONFIG` names, else the
 * bundled default; then overrides from `TRIBUTARY_INGRESS_HOST`, `TRIBUTARY_INGRESS_PORT`,
 * `TRIBUTARY_INGRESS_REUSE_PORT` (`1` or `true`: share the port with other ingress processes),
 * `TRIBUTARY_INGRESS_METRICS_PORT` (this process's own `/metrics` and `/readyz` port),
 * `KAFKA_BROKERS` (comma-separated), `SCHEMA_REGISTRY_URL`, `TRIBUTARY_REGISTER_SCHEMAS`
 * (`1` or `true`: register the envelope schema instead of looking it up) and
 * `TRIBUTARY_TOPIC_PREFIX`. Values are passed on as read; validation happens once, in
 * `resolveIngressConfig`. Throws {@link IngressError} `config_invalid` for an unreadable file
 * or a yes-or-no variable that is neither.
 */
export async function ingressConfigFromEnv(env: IngressEnv): Promise<ConfigFromEnv> {
  const file = nonEmpty(env.TRIBUTARY_INGRESS_CONFIG);
  const base = file === undefined ? structuredClone(defaultIngressConfig) : await readJson(file);
  const input = base as Record<string, unknown> & {
    server?: Record<string, unknown>;
    kafka?: Record<string, unknown>;
    registry?: Record<string, unknown>;
  };

  const host = nonEmpty(env.TRIBUTARY_INGRESS_HOST);
  const port = nonEmpty(env.TRIBUTARY_INGRESS_PORT);
  const reusePort = yesOrNo(env, 'TRIBUTARY_INGRESS_REUSE_PORT');
  const metricsPort = nonEmpty(env.TRIBUTARY_INGRESS_METRICS_PORT);
  const brokers = nonEmpty(env.KAFKA_BROKERS);
  const registryUrl = nonEmpty(env.SCHEMA_REGISTRY_URL);
  const register = yesOrNo(env, 'TRIBUTARY_REGISTER_SCHEMAS');
  const prefix = env.TRIBUTARY_TOPIC_PREFIX;

  input.server = {
    ...input.server,
    ...(host && { host }),
    ...(port && { port: Number(port) }),
    ...(reusePort !== undefined && { reusePort }),
    ...(metricsPort && { metricsPort: Number(metricsPort) }),
  };
  input.kafka = {
    ...input.kafka,
    ...(brokers && { brokers: brokers.split(',').map((broker) => broker.trim()) }),
  };
  input.registry = {
    ...input.registry,
    ...(registryUrl && { url: registryUrl }),
    ...(register === true && { writerIdBy: 'register' }),
  };
  if (prefix !== undefined) input.topicPrefix = prefix.trim();
  return { origin: file ?? 'bundled default', input };
}

/**
 * A yes-or-no variable: `1`/`true` or `0`/`false` (any case); undefined when unset or empty.
 * Throws {@link IngressError} `config_invalid` naming the variable for anything else.
 */
function yesOrNo(env: IngressEnv, name: string): boolean | undefined {
  const text = nonEmpty(env[name])?.toLowerCase();
  if (text === undefined) return undefined;
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  throw new IngressError(
    'config_invalid',
    `${name} must be 1, true, 0 or false, not ${JSON.stringify(env[name])}`,
  );
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new TypeError('the file does not hold a JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (error: unknown) {
    throw new IngressError(
      'config_invalid',
      `cannot read ingress configuration ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
