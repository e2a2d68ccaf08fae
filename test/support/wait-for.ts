/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** Longest time to wait, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Pause between two checks, in milliseconds. Default 100. */
  intervalMs?: number;
  /** What is being waited for, named in the timeout error. */
  what?: string;
}

/**
 * Polls `check` until it returns a value other than `undefined`/`false`, and returns it.
 * Rejects with a timeout error naming `what` (and the last error `check` threw) once
 * `timeoutMs` has passed. Tests wait on conditions with this, never on fixed sleeps.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;

  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error: unknown) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
