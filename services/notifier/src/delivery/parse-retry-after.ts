/** Longest wait honoured from a `Retry-After`, in seconds (1 h): past it, this is used. */
export const maxRetryAfterSeconds = 3_600;

/**
 * Reads an HTTP `Retry-After` value (RFC 9110 §10.2.3): either delay-seconds or an HTTP date.
 * Returns the wait in seconds from `nowMs` (0 for a date in the past, at most
 * {@link maxRetryAfterSeconds}), or undefined when the header is absent or unreadable.
 */
export function parseRetryAfterSeconds(value: string | null, nowMs: number): number | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;

  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), maxRetryAfterSeconds);
  // An HTTP date names its day and month; this keeps Date.parse from reading "-5" as a year.
  if (!/^[A-Za-z]{3},/.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.min(Math.max(0, Math.ceil((dateMs - nowMs) / 1000)), maxRetryAfterSeconds);
}
