import { StackError, StackErrorCode } from './errors.ts';

/** One port a component listens on. */
export interface PortSpec {
  /** Component that owns the port. */
  component: 'kafka' | 'registry' | 'jaeger';
  /** What the port serves. */
  purpose: string;
  /** Port number in use (the default unless the environment overrides it). */
  port: number;
  /** Environment variable that overrides it. */
  envVar: string;
}

/**
 * The one table of default ports of the local stack. Each can be moved through the
 * environment variable beside it; the ecosystem's usual names are used where one exists
 * (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, OTEL_EXPORTER_OTLP_ENDPOINT).
 */
export const DEFAULT_PORTS = Object.freeze({
  kafkaBroker: 9092,
  kafkaController: 9093,
  registryHttp: 8081,
  registryManagement: 9081,
  jaegerOtlpGrpc: 4317,
  jaegerOtlpHttp: 4318,
  jaegerQueryHttp: 16686,
  jaegerQueryGrpc: 16685,
  jaegerHealth: 13133,
});

/** Every address of the local stack, resolved from the environment once. */
export interface StackAddresses {
  /** Host every component binds to and is reached on (loopback). */
  host: string;
  kafkaBroker: number;
  kafkaController: number;
  registryHttp: number;
  registryManagement: number;
  jaegerOtlpGrpc: number;
  jaegerOtlpHttp: number;
  jaegerQueryHttp: number;
  jaegerQueryGrpc: number;
  jaegerHealth: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function portFromNumber(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new StackError(
      StackErrorCode.INVALID_CONFIG,
      'stack',
      `${name}=${raw} is not a port number`,
    );
  }
  return port;
}

function urlParts(env: Env, name: string, fallback: string): { host: string; port: number } {
  const raw = env[name] || fallback;
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `tcp://${raw}`);
  } catch (error: unknown) {
    throw new StackError(
      StackErrorCode.INVALID_CONFIG,
      'stack',
      `${name}=${raw} is not an address`,
      {
        cause: error,
      },
    );
  }
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return { host: url.hostname, port: url.port ? Number(url.port) : defaultPort };
}

function requireLoopback(name: string, host: string): void {
  if (LOOPBACK.has(host)) return;
  throw new StackError(
    StackErrorCode.INVALID_CONFIG,
    'stack',
    `${name} points at ${host}; deploy/local only starts components on this machine (127.0.0.1)`,
  );
}

/**
 * Reads the stack's addresses from the environment. Only loopback hosts are accepted,
 * since deploy/local starts every component on this machine.
 */
export function resolveAddresses(env: Env = process.env): StackAddresses {
  // The local stack has one broker: the first of the list is the one it starts.
  const firstBroker = (env.KAFKA_BROKERS ?? '').split(',')[0]?.trim();
  const broker = urlParts(
    { KAFKA_BROKERS: firstBroker },
    'KAFKA_BROKERS',
    `127.0.0.1:${DEFAULT_PORTS.kafkaBroker}`,
  );
  const registry = urlParts(
    env,
    'SCHEMA_REGISTRY_URL',
    `http://127.0.0.1:${DEFAULT_PORTS.registryHttp}`,
  );
  const otlp = urlParts(
    env,
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    `http://127.0.0.1:${DEFAULT_PORTS.jaegerOtlpHttp}`,
  );
  const query = urlParts(
    env,
    'JAEGER_QUERY_URL',
    `http://127.0.0.1:${DEFAULT_PORTS.jaegerQueryHttp}`,
  );
  requireLoopback('KAFKA_BROKERS', broker.host);
  requireLoopback('SCHEMA_REGISTRY_URL', registry.host);
  requireLoopback('OTEL_EXPORTER_OTLP_ENDPOINT', otlp.host);
  requireLoopback('JAEGER_QUERY_URL', query.host);

  return Object.freeze({
    host: '127.0.0.1',
    kafkaBroker: broker.port,
    kafkaController: portFromNumber(
      env,
      'TRIBUTARY_KAFKA_CONTROLLER_PORT',
      DEFAULT_PORTS.kafkaController,
    ),
    registryHttp: registry.port,
    registryManagement: portFromNumber(
      env,
      'TRIBUTARY_REGISTRY_MANAGEMENT_PORT',
      DEFAULT_PORTS.registryManagement,
    ),
    jaegerOtlpGrpc: portFromNumber(
      env,
      'TRIBUTARY_JAEGER_OTLP_GRPC_PORT',
      DEFAULT_PORTS.jaegerOtlpGrpc,
    ),
    jaegerOtlpHttp: otlp.port,
    jaegerQueryHttp: query.port,
    jaegerQueryGrpc: portFromNumber(
      env,
      'TRIBUTARY_JAEGER_QUERY_GRPC_PORT',
      DEFAULT_PORTS.jaegerQueryGrpc,
    ),
    jaegerHealth: portFromNumber(env, 'TRIBUTARY_JAEGER_HEALTH_PORT', DEFAULT_PORTS.jaegerHealth),
  });
}

/** The port table for `up`'s pre-flight check and for `status`. */
export function portTable(a: StackAddresses): PortSpec[] {
  return [
    { component: 'kafka', purpose: 'broker', port: a.kafkaBroker, envVar: 'KAFKA_BROKERS' },
    {
      component: 'kafka',
      purpose: 'controller',
      port: a.kafkaController,
      envVar: 'TRIBUTARY_KAFKA_CONTROLLER_PORT',
    },
    {
      component: 'registry',
      purpose: 'REST API',
      port: a.registryHttp,
      envVar: 'SCHEMA_REGISTRY_URL',
    },
    {
      component: 'registry',
      purpose: 'health',
      port: a.registryManagement,
      envVar: 'TRIBUTARY_REGISTRY_MANAGEMENT_PORT',
    },
    {
      component: 'jaeger',
      purpose: 'OTLP gRPC',
      port: a.jaegerOtlpGrpc,
      envVar: 'TRIBUTARY_JAEGER_OTLP_GRPC_PORT',
    },
    {
      component: 'jaeger',
      purpose: 'OTLP HTTP',
      port: a.jaegerOtlpHttp,
      envVar: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    },
    {
      component: 'jaeger',
      purpose: 'UI and query API',
      port: a.jaegerQueryHttp,
      envVar: 'JAEGER_QUERY_URL',
    },
    {
      component: 'jaeger',
      purpose: 'query gRPC',
      port: a.jaegerQueryGrpc,
      envVar: 'TRIBUTARY_JAEGER_QUERY_GRPC_PORT',
    },
    {
      component: 'jaeger',
      purpose: 'health',
      port: a.jaegerHealth,
      envVar: 'TRIBUTARY_JAEGER_HEALTH_PORT',
    },
  ];
}

/** Ports listed twice in the table: a configuration mistake caught before anything starts. */
export function duplicatePorts(table: readonly PortSpec[]): PortSpec[] {
  const seen = new Map<number, PortSpec>();
  const duplicates: PortSpec[] = [];
  for (const spec of table) {
    if (seen.has(spec.port)) duplicates.push(spec);
    seen.set(spec.port, spec);
  }
  return duplicates;
}
