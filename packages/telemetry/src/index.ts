// What services import from @tributary/telemetry. Nothing here loads the SDK: it is started
// by `node --import @tributary/telemetry/register`, and these only read or end its state.
export { assertLoadedBeforeKafkajs } from './assert-loaded-before-kafkajs.ts';
export { MetricAttribute, MetricName, ProcessOutcome } from './metrics/metric-names.ts';
export {
  createPipelineMetrics,
  LATENCY_BUCKETS_MS,
  type PipelineMetrics,
  TRIBUTARY_METER,
} from './metrics/pipeline-metrics.ts';
export {
  type MetricsServer,
  metricsRequestHandler,
  type ServeMetricsOptions,
  serveMetrics,
} from './metrics/serve-metrics.ts';
export { type ShutdownTelemetryOptions, shutdownTelemetry } from './shutdown-telemetry.ts';
export {
  TelemetryError,
  type TelemetryErrorCode,
  telemetryErrorCodes,
} from './telemetry-error.ts';
export { isTelemetryStarted, kafkajsLoadedBeforeTelemetry } from './telemetry-state.ts';
