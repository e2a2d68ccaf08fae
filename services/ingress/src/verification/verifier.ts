import type { RotationSet } from './rotation-secrets.ts';
import type { SchemeName } from './scheme-names.ts';
import type { VerificationFailure, VerificationResult } from './verification-result.ts';

/**
 * Request headers with lower-cased names, as Node's `IncomingMessage.headers` gives them.
 * Verifiers look names up in lower case only; callers holding other casings pass them
 * through `normalizeHeaders` first.
 */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What a verifier looks at: the request as received, the secrets, and the time. */
export interface VerificationInput {
  /** The body exactly as received, before any parsing or re-encoding. */
  readonly rawBody: Buffer;
  /** Request headers, names lower-cased (see {@link RequestHeaders}). */
  readonly headers: RequestHeaders;
  /** Secrets to try, in order; the result names the one that matched. */
  readonly secrets: RotationSet;
  /** The current time in epoch milliseconds (injected so tests can pin the clock). */
  readonly nowMs: number;
}

/**
 * Checks one webhook signature scheme. Pure and synchronous: no I/O, no shared state, safe to
 * call concurrently. Never throws for bad input; every problem is a failure result.
 */
export interface Verifier {
  /** The scheme this verifier checks. */
  readonly scheme: SchemeName;
  /** Verifies a delivery over its exact raw bytes. */
  verify(input: VerificationInput): VerificationResult;
  /**
   * Checks that every secret of a set can be turned into a key for this scheme, so a broken
   * secret is caught at start-up instead of on the first delivery.
   */
  checkSecrets(secrets: RotationSet): { readonly ok: true } | VerificationFailure;
}
