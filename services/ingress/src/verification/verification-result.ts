import type { SchemeName } from './scheme-names.ts';

/**
 * Every way a verification can fail, as a closed set. The HTTP layer answers all of them with
 * the same 401 (or 500 for the configuration ones) and logs the code; nothing branches on text.
 */
export const VerificationFailureReason = {
  /** A header the scheme needs is absent (or present as an empty list). */
  MissingHeader: 'missing_header',
  /** A header is present but cannot be parsed: empty, garbage, wrong prefix, bad encoding,
   * wrong digest length, repeated, or longer than the scheme allows. */
  MalformedHeader: 'malformed_header',
  /** The signed timestamp is older than the tolerance allows (a possible replay). */
  StaleTimestamp: 'stale_timestamp',
  /** The signed timestamp is further in the future than the tolerance allows. */
  FutureTimestamp: 'future_timestamp',
  /** The header names only signature versions or algorithms this verifier does not check. */
  UnsupportedAlgorithm: 'unsupported_algorithm',
  /** Well-formed signatures, but none matches any secret of the rotation set. */
  NoMatchingSignature: 'no_matching_signature',
  /** The rotation set is empty: a server configuration problem, not the sender's. */
  NoSecrets: 'no_secrets',
  /** A secret cannot be turned into a key (empty, or not `whsec_<base64>` where required). */
  UnusableSecret: 'unusable_secret',
  /** `nowMs` is not a finite number: the injected clock is broken. */
  InvalidClock: 'invalid_clock',
} as const;

/** One code of {@link VerificationFailureReason}. */
export type VerificationFailureReason =
  (typeof VerificationFailureReason)[keyof typeof VerificationFailureReason];

/** Who is at fault for a failure: the request (answer 401) or our own configuration (500). */
export type VerificationFailureOrigin = 'request' | 'configuration';

/** Where each failure code comes from; a test keeps this in step with the closed set. */
export const verificationFailureOrigins: Readonly<
  Record<VerificationFailureReason, VerificationFailureOrigin>
> = Object.freeze({
  missing_header: 'request',
  malformed_header: 'request',
  stale_timestamp: 'request',
  future_timestamp: 'request',
  unsupported_algorithm: 'request',
  no_matching_signature: 'request',
  no_secrets: 'configuration',
  unusable_secret: 'configuration',
  invalid_clock: 'configuration',
});

/** A verified delivery: which scheme, which secret of the rotation set, and what was checked. */
export interface VerificationSuccess {
  readonly ok: true;
  /** The scheme that verified the delivery. */
  readonly scheme: SchemeName;
  /** Position in the rotation set of the secret that matched (0 is the first). */
  readonly secretIndex: number;
  /** Label of the secret that matched, for logs and the envelope. */
  readonly secretLabel: string;
  /** Whether a signed timestamp was checked against the tolerance window. */
  readonly timestampChecked: boolean;
  /** The signed timestamp in epoch milliseconds; present only when it was checked. */
  readonly timestampMs?: number;
  /** The provider's delivery id where the scheme carries one (not always covered by the MAC). */
  readonly deliveryId?: string;
}

/** A refused delivery, with one distinct code and, where one header is to blame, its name. */
export interface VerificationFailure {
  readonly ok: false;
  /** Why verification failed. */
  readonly reason: VerificationFailureReason;
  /** The lower-cased header at fault, when the failure concerns a single header. */
  readonly header?: string;
}

/** The answer of every verifier; verifiers never throw for bad input. */
export type VerificationResult = VerificationSuccess | VerificationFailure;

/** Builds a frozen failure result. */
export function verificationFailure(
  reason: VerificationFailureReason,
  header?: string,
): VerificationFailure {
  return Object.freeze(
    header === undefined ? { ok: false, reason } : { ok: false, reason, header },
  );
}

/** What a verifier learned about a delivery it accepts. */
export interface SuccessFields {
  readonly scheme: SchemeName;
  readonly secretIndex: number;
  readonly secretLabel: string;
  /** Set only when the scheme checked a signed timestamp. */
  readonly timestampMs?: number | undefined;
  readonly deliveryId?: string | undefined;
}

/** Builds a frozen success result; `timestampChecked` follows from `timestampMs` being set. */
export function verificationSuccess(fields: SuccessFields): VerificationSuccess {
  const { timestampMs, deliveryId, ...always } = fields;
  return Object.freeze({
    ok: true,
    ...always,
    timestampChecked: timestampMs !== undefined,
    ...(timestampMs === undefined ? {} : { timestampMs }),
    ...(deliveryId === undefined ? {} : { deliveryId }),
  });
}

/** Whether a parsing step answered with a failure rather than its value. */
export function isVerificationFailure(value: unknown): value is VerificationFailure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
