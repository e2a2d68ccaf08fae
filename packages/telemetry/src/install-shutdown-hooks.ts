import type { Logger } from '@tributary/logger';
import { shutdownTelemetry } from './shutdown-telemetry.ts';

/** Signals after which a process nobody else handles them in is expected to end. */
const TERMINATING_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

function shutdownAndLog(logger: Logger): Promise<void> {
  return shutdownTelemetry().catch((error: unknown) => {
    logger.error({ err: error }, 'telemetry shutdown failed');
  });
}

/**
 * Makes sure buffered spans are exported when the process ends without the service calling
 * `shutdownTelemetry()` itself:
 *
 * - On SIGTERM or SIGINT, when no other listener handles that signal, it shuts telemetry down
 *   and then raises the same signal again with its listeners removed, so the process ends the
 *   way it would have (exit by that signal). When the service has its own listener it does
 *   nothing: merely listening turns off Node's default exit, and the service, which owns its
 *   shutdown, awaits `shutdownTelemetry()` after draining, so the drain's spans are kept.
 * - On `beforeExit` (the event loop ran dry), it shuts telemetry down once; the export keeps
 *   the loop alive until it is done. It does not fire on `process.exit()` or a fatal signal.
 */
// Shortcoming: the beforeExit shutdown is final; spans of work that another beforeExit listener
// schedules afterwards are dropped.
export function installShutdownHooks(logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;

    for (const each of TERMINATING_SIGNALS) process.off(each, onSignal);
    void shutdownAndLog(logger).finally(() => process.kill(process.pid, signal));
  };

  for (const signal of TERMINATING_SIGNALS) process.on(signal, onSignal);
  process.once('beforeExit', () => void shutdownAndLog(logger));
}
