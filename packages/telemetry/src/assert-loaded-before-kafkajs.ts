import { TelemetryError } from './telemetry-error.ts';
import { telemetryState } from './telemetry-state.ts';

/**
 * Throws a {@link TelemetryError} with code `KAFKAJS_LOADED_FIRST` when kafkajs was already
 * loaded when the telemetry bootstrap ran, naming the file found. A service that must not run
 * untraced calls it once at startup; the bootstrap itself only warns. Does nothing when the
 * SDK was not started (no bootstrap, or `OTEL_SDK_DISABLED=true`).
 */
export function assertLoadedBeforeKafkajs(): void {
  const path = telemetryState.kafkajsLoadedFirstPath;
  if (path === undefined) return;

  throw new TelemetryError(
    'KAFKAJS_LOADED_FIRST',
    `kafkajs (${path}) was loaded before @tributary/telemetry/register; pass --import ` +
      '@tributary/telemetry/register before anything that loads kafkajs',
  );
}
