import type { VerificationFailure } from './verification-result.ts';
import { VerificationFailureReason, verificationFailure } from './verification-result.ts';

// Up to 12 digits covers any date before the year 33658; more is junk, not a timestamp.
const unixSecondsPattern = /^\d{1,12}$/;

/** A signed timestamp that passed the window check. */
export interface CheckedTimestamp {
  readonly ok: true;
  /** The signed timestamp in epoch milliseconds. */
  readonly timestampMs: number;
}

/**
 * Parses a Unix-seconds header (digits only, unlike `parseInt`, which reads `12abc` as 12) and
 * checks it lies within `toleranceSeconds` of `nowMs` in both directions. Like the providers'
 * own libraries, `nowMs` is floored to whole seconds first; exactly `toleranceSeconds` away is
 * still accepted. Failure codes: `malformed_header`, `stale_timestamp`, `future_timestamp`,
 * `invalid_clock`.
 */
export function checkTimestampWindow(
  headerValue: string,
  headerName: string,
  nowMs: number,
  toleranceSeconds: number,
): CheckedTimestamp | VerificationFailure {
  if (!Number.isFinite(nowMs)) {
    // A NaN clock would make both comparisons below false and let any timestamp through.
    return verificationFailure(VerificationFailureReason.InvalidClock);
  }
  if (!unixSecondsPattern.test(headerValue)) {
    return verificationFailure(VerificationFailureReason.MalformedHeader, headerName);
  }

  const timestampSeconds = Number(headerValue);
  const ageSeconds = Math.floor(nowMs / 1000) - timestampSeconds;
  if (ageSeconds > toleranceSeconds) {
    return verificationFailure(VerificationFailureReason.StaleTimestamp, headerName);
  }
  if (-ageSeconds > toleranceSeconds) {
    return verificationFailure(VerificationFailureReason.FutureTimestamp, headerName);
  }

  return { ok: true, timestampMs: timestampSeconds * 1000 };
}
