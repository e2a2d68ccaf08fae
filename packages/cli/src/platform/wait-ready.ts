import type { Readiness } from './platform-processes.ts';

/** Options of {@link waitReady}. */
export interface WaitReadyOptions {
  readonly readiness: Readiness;
  /** Longest wait, in milliseconds; 0 checks once. */
  readonly timeoutMs: number;
  /** True while the process still runs; a false answer ends the wait at once. */
  readonly isAlive: () => Promise<boolean>;
  /** Pause between two checks, in milliseconds. Default 500. */
  readonly intervalMs?: number;
}

/** How a wait ended: ready, the process exited, or the time ran out (with the last check). */
export type WaitOutcome =
  | { readonly ready: true; readonly afterMs: number }
  | { readonly ready: false; readonly reason: 'exited' | 'timeout'; readonly detail: string };

/**
 * Polls a process's readiness endpoint until it answers 2xx, the process exits, or
 * `timeoutMs` passes. Never throws: an endpoint that does not answer is "not ready", with why.
 */
export async function waitReady(options: WaitReadyOptions): Promise<WaitOutcome> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let detail = 'not checked yet';
  for (;;) {
    if (!(await options.isAlive())) return { ready: false, reason: 'exited', detail };
    detail = await httpCheck(options.readiness.url);
    if (detail === '') return { ready: true, afterMs: Date.now() - started };
    if (Date.now() >= deadline) return { ready: false, reason: 'timeout', detail };
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

/** '' when `url` answers 2xx, else what it answered. */
async function httpCheck(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok ? '' : `${url} answered ${response.status}`;
  } catch (error: unknown) {
    const cause =
      error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    return `${url} not answering${cause?.code ? ` (${cause.code})` : ''}`;
  }
}
