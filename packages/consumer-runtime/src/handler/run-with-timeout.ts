import { RuntimeError } from '../errors/runtime-error.ts';

/** How a handler run ended. */
export type HandlerOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: unknown };

/** Options for {@link runWithTimeout}. */
export interface RunWithTimeoutOptions {
  /** Longest wait for the work to settle, in milliseconds. */
  timeoutMs: number;
  /** Aborted when shutdown passes its bound: the run stops waiting at once. */
  shutdownSignal: AbortSignal;
}

/**
 * Runs `work` with an abort signal of its own and waits at most `timeoutMs` for it. On the
 * timeout (or the shutdown signal) the signal is aborted with a `HANDLER_TIMEOUT` (or
 * `SHUTDOWN_ABORTED`) runtime error as its reason, and the run ends as a failure with that
 * error. Never rejects: a throw or rejection of `work` is the failure.
 */
// Shortcoming: JavaScript cannot stop a running promise; a handler that ignores its signal
// runs on in the background after the timeout while its record is already retried.
export function runWithTimeout(
  work: (signal: AbortSignal) => Promise<void>,
  options: RunWithTimeoutOptions,
): Promise<HandlerOutcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onShutdown: (() => void) | undefined;

  const stopped = new Promise<HandlerOutcome>((resolve) => {
    const giveUp = (error: RuntimeError) => {
      controller.abort(error);
      resolve({ ok: false, error });
    };
    timer = setTimeout(() => {
      giveUp(new RuntimeError('HANDLER_TIMEOUT', `handler ran past ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    onShutdown = () =>
      giveUp(new RuntimeError('SHUTDOWN_ABORTED', 'shutdown passed its bound during the handler'));
    if (options.shutdownSignal.aborted) onShutdown();
    else options.shutdownSignal.addEventListener('abort', onShutdown, { once: true });
  });
  const ran = Promise.resolve()
    .then(() => work(controller.signal))
    .then(
      (): HandlerOutcome => ({ ok: true }),
      (error: unknown): HandlerOutcome => ({ ok: false, error }),
    );

  return Promise.race([ran, stopped]).finally(() => {
    clearTimeout(timer);
    if (onShutdown !== undefined) options.shutdownSignal.removeEventListener('abort', onShutdown);
  });
}
