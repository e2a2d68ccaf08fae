import type { NodeSDK } from '@opentelemetry/sdk-node';
import { TelemetryError } from './telemetry-error.ts';
import { telemetryState } from './telemetry-state.ts';

/** Options for {@link shutdownTelemetry}. */
export interface ShutdownTelemetryOptions {
  /** Longest wait for the last spans to be exported, in milliseconds. Default 5 000. */
  timeoutMs?: number;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5_000;

async function shutdownWithin(sdk: NodeSDK, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TelemetryError('SHUTDOWN_TIMED_OUT', `SDK shutdown took over ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const shutdown = sdk.shutdown().catch((cause: unknown) => {
    throw new TelemetryError('SHUTDOWN_FAILED', 'SDK shutdown failed', { cause });
  });

  try {
    await Promise.race([shutdown, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Exports the spans still buffered and shuts the SDK down; spans started afterwards are
 * dropped. A service awaits it as the last step of its own shutdown, after it drained its
 * work, so the spans of that drain are exported too.
 *
 * Idempotent: every call returns the first call's promise (and its timeout). Resolves at
 * once when the SDK was not started. Rejects with a {@link TelemetryError} coded
 * `SHUTDOWN_TIMED_OUT` past `timeoutMs`, or `SHUTDOWN_FAILED` with the SDK's error as cause.
 */
export function shutdownTelemetry(options: ShutdownTelemetryOptions = {}): Promise<void> {
  const { sdk } = telemetryState;
  if (sdk === undefined) return Promise.resolve();

  telemetryState.shutdown ??= shutdownWithin(sdk, options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
  return telemetryState.shutdown;
}
