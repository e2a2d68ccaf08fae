import type { Logger } from '@tributary/logger';
import { shutdownTelemetry } from '@tributary/telemetry';

/**
 * Stops the service on the first of `signals`, flushes telemetry, then raises the same
 * signal again with this listener gone, so the process ends the way it would have (exit by
 * that signal) once the work is committed and the group left. A second signal during the
 * drain meets no listener of ours and ends the process at once. Returns the uninstaller.
 */
export function stopOnSignals(
  signals: readonly NodeJS.Signals[],
  stop: () => Promise<void>,
  logger: Logger,
): () => void {
  const uninstall = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    uninstall();
    logger.info({ signal }, 'stopping on signal');
    void stop()
      .catch((error: unknown) => logger.error({ err: error }, 'stop on signal failed'))
      .then(() => shutdownTelemetry())
      .catch((error: unknown) => logger.error({ err: error }, 'telemetry shutdown failed'))
      .finally(() => process.kill(process.pid, signal));
  };
  for (const signal of signals) process.on(signal, onSignal);
  return uninstall;
}
