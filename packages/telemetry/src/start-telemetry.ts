import { createRequire } from 'node:module';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  defaultResource,
  envDetector,
  hostDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  ATTR_SERVICE_INSTANCE_ID,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';
import { createBatchPollSampler } from './batch-poll-sampler.ts';
import { createInstrumentations } from './create-instrumentations.ts';
import { findLoadedKafkajs } from './find-loaded-kafkajs.ts';
import { installShutdownHooks } from './install-shutdown-hooks.ts';
import { registerEsmHooks } from './register-esm-hooks.ts';
import type { TelemetryOptions } from './telemetry-options.ts';
import { telemetryState } from './telemetry-state.ts';

function createSdk(
  options: TelemetryOptions,
  instrumentations: ReturnType<typeof createInstrumentations>,
  prometheus: PrometheusExporter,
) {
  const resource = defaultResource().merge(
    resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_INSTANCE_ID]: options.serviceInstanceId,
      ...(options.serviceVersion === undefined
        ? {}
        : { [ATTR_SERVICE_VERSION]: options.serviceVersion }),
    }),
  );

  // Shortcoming: the SDK's own diagnostics (a failed export, say) are not routed into the pino
  // log; they stay silent unless OTEL_LOG_LEVEL sends them to the console.
  return new NodeSDK({
    resource,
    // The SDK's default set minus its service-instance detector, which would replace our id;
    // the env detector last, so OTEL_RESOURCE_ATTRIBUTES can still override any attribute.
    resourceDetectors: [processDetector, hostDetector, osDetector, envDetector],
    instrumentations,
    // Every trace, less the kafkajs instrumentation's one-per-batch poll traces (see the
    // sampler); so OTEL_TRACES_SAMPLER is not honoured.
    sampler: createBatchPollSampler(),
    // Always OTLP/HTTP protobuf, as Jaeger and the collector take it; OTEL_TRACES_EXPORTER and
    // OTEL_EXPORTER_OTLP_PROTOCOL are therefore not honoured, the endpoint variables are.
    traceExporter: new OTLPTraceExporter(
      options.otlpTracesUrl === undefined ? {} : { url: options.otlpTracesUrl },
    ),
    // Metrics are pulled by Prometheus. The exporter's own server (default port 9464) stays
    // off: every service serves the scrape on a port of its own (see serveMetrics).
    metricReaders: [prometheus],
    // Logs stay pino JSON lines on stdout; no OTLP log export.
    logRecordProcessors: [],
  });
}

/**
 * Starts OpenTelemetry for this process: loader hooks for the instrumented modules, the
 * http, kafkajs and pino instrumentations, the Node SDK exporting spans over
 * OTLP/HTTP protobuf in batches, and the shutdown hooks of `installShutdownHooks`. Logs
 * `telemetry started` at info, and a warning when kafkajs was already loaded (see
 * `kafkajsLoadedBeforeTelemetry`) or ES module imports cannot be hooked on this Node.
 *
 * Must run before the service loads anything it instruments; `register.ts` calls it from
 * `node --import`. Does nothing when `options.disabled` or when already started.
 */
export async function startTelemetry(options: TelemetryOptions): Promise<void> {
  if (options.disabled || telemetryState.sdk !== undefined) return;

  const kafkajsPath = findLoadedKafkajs(createRequire(import.meta.url).cache);
  const instrumentations = createInstrumentations();
  const moduleNames = instrumentations.flatMap((each) =>
    each.getModuleDefinitions().map((definition) => definition.name),
  );
  const esmHooked = registerEsmHooks(moduleNames);
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const sdk = createSdk(options, instrumentations, prometheus);
  sdk.start();
  telemetryState.sdk = sdk;
  telemetryState.prometheus = prometheus;
  telemetryState.kafkajsLoadedFirstPath = kafkajsPath;

  // Imported only now: the logger loads pino, which has to load after the hooks above for
  // the pino instrumentation to add trace ids to every logger the service creates.
  const { createLogger } = await import('@tributary/logger');
  // Shortcoming: the bootstrap's own lines are always at level info; no log level is read.
  const logger = createLogger({ serviceName: options.serviceName }).child({
    component: 'telemetry',
  });
  installShutdownHooks(logger);

  logger.info(
    { serviceInstanceId: options.serviceInstanceId, otlpTracesUrl: options.otlpTracesUrl },
    'telemetry started',
  );
  if (!esmHooked) {
    logger.warn({ nodeVersion: process.version }, 'ES module imports are not instrumented');
  }
  if (kafkajsPath !== undefined) {
    logger.warn({ modulePath: kafkajsPath }, 'kafkajs was loaded before telemetry');
  }
}
