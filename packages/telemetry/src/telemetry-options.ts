import { randomUUID } from 'node:crypto';

/** Where traces go when no OTLP endpoint variable is set: a local collector or Jaeger. */
export const DEFAULT_OTLP_TRACES_URL = 'http://127.0.0.1:4318/v1/traces';

/** Service name when neither `OTEL_SERVICE_NAME` nor an npm package name is given. */
export const FALLBACK_SERVICE_NAME = 'tributary';

/** What the bootstrap starts the SDK with. Built once at the edge, then frozen. */
export interface TelemetryOptions {
  /** When true nothing is started: no SDK, no hooks, no instrumentation. */
  readonly disabled: boolean;
  /** `service.name` of every span. */
  readonly serviceName: string;
  /** `service.version`; absent leaves the attribute out. */
  readonly serviceVersion: string | undefined;
  /** `service.instance.id`: one random UUID per process, so restarts are told apart. */
  readonly serviceInstanceId: string;
  /**
   * Full OTLP/HTTP traces URL. Absent means an `OTEL_EXPORTER_OTLP_*ENDPOINT` variable is set
   * and the exporter reads it itself (with the `/v1/traces` suffix rules of the spec).
   */
  readonly otlpTracesUrl: string | undefined;
}

/** The environment variables {@link telemetryOptionsFromEnv} reads; all optional. */
export type TelemetryEnv = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Reads the telemetry options from the environment: `OTEL_SDK_DISABLED` (`true`, any case,
 * disables), `OTEL_SERVICE_NAME`, else `npm_package_name` (set by `npm run` and `npm start`),
 * else {@link FALLBACK_SERVICE_NAME}; `npm_package_version`; and the OTLP endpoint variables,
 * defaulting to {@link DEFAULT_OTLP_TRACES_URL} when none is set. Every other `OTEL_*`
 * variable (headers, timeout, batch sizes, sampler, propagators) is read by the SDK itself.
 */
// Shortcoming: a process started without npm (pm2, plain node) and without OTEL_SERVICE_NAME is
// named 'tributary'; the entry script's own package.json is not read.
export function telemetryOptionsFromEnv(env: TelemetryEnv): TelemetryOptions {
  const endpointIsSet =
    nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) !== undefined ||
    nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT) !== undefined;

  return Object.freeze({
    disabled: nonEmpty(env.OTEL_SDK_DISABLED)?.toLowerCase() === 'true',
    serviceName:
      nonEmpty(env.OTEL_SERVICE_NAME) ?? nonEmpty(env.npm_package_name) ?? FALLBACK_SERVICE_NAME,
    serviceVersion: nonEmpty(env.npm_package_version),
    serviceInstanceId: randomUUID(),
    otlpTracesUrl: endpointIsSet ? undefined : DEFAULT_OTLP_TRACES_URL,
  });
}
