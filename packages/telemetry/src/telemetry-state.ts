import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import type { NodeSDK } from '@opentelemetry/sdk-node';

/** What the bootstrap recorded in this process. Written by `startTelemetry` and shutdown only. */
export interface TelemetryState {
  /** The running SDK; absent before the bootstrap ran and when telemetry is disabled. */
  sdk: NodeSDK | undefined;
  /** The metric reader a Prometheus scrape reads; absent when the SDK was not started. */
  prometheus: PrometheusExporter | undefined;
  /** A kafkajs file found already loaded when the bootstrap ran; absent when none was. */
  kafkajsLoadedFirstPath: string | undefined;
  /** The one shutdown in progress or done; absent until the first `shutdownTelemetry()`. */
  shutdown: Promise<void> | undefined;
}

/** The state of this process's telemetry; there is one SDK per process. */
export const telemetryState: TelemetryState = {
  sdk: undefined,
  prometheus: undefined,
  kafkajsLoadedFirstPath: undefined,
  shutdown: undefined,
};

/**
 * Whether the bootstrap started the SDK in this process and its shutdown has not begun.
 * False when `--import @tributary/telemetry/register` was not given, when
 * `OTEL_SDK_DISABLED=true`, and once `shutdownTelemetry()` was called.
 */
export function isTelemetryStarted(): boolean {
  return telemetryState.sdk !== undefined && telemetryState.shutdown === undefined;
}

/**
 * Whether kafkajs was already loaded when the bootstrap started the SDK (it then logged a
 * warning). Such a copy is traced only if some module imports kafkajs again after the
 * bootstrap; a client built from the early copy alone produces and consumes without spans or
 * `traceparent` headers. False when the SDK was not started.
 */
// Shortcoming: it cannot tell whether a later import re-patched the shared Kafka prototype, so
// it may report (and the bootstrap warn about) a kafkajs that ends up traced after all.
export function kafkajsLoadedBeforeTelemetry(): boolean {
  return telemetryState.kafkajsLoadedFirstPath !== undefined;
}
