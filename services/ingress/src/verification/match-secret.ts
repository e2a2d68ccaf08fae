import { constantTimeEqual } from './constant-time-equal.ts';
import type { KeyDerivation } from './derive-secret-keys.ts';
import { deriveSecretKeys } from './derive-secret-keys.ts';
import type { HmacAlgorithm } from './hmac-digest.ts';
import { hmacDigest } from './hmac-digest.ts';
import type { RotationSet } from './rotation-secrets.ts';
import type { VerificationFailure } from './verification-result.ts';
import { VerificationFailureReason, verificationFailure } from './verification-result.ts';

/** What to MAC, with which secrets, and which sent signatures may match. */
export interface SecretMatchRequest {
  /** Secrets to try, in order. */
  readonly secrets: RotationSet;
  /** How the scheme turns a secret into key bytes. */
  readonly deriveKey: KeyDerivation;
  /** The HMAC hash function. */
  readonly algorithm: HmacAlgorithm;
  /** The signed content, concatenated in order (the raw body among them, untouched). */
  readonly signedParts: readonly (string | Uint8Array)[];
  /** Decoded signatures from the request; any one matching any secret is enough. */
  readonly candidates: readonly Uint8Array[];
}

/** The secret that produced one of the sent signatures. */
export type SecretMatch = {
  readonly ok: true;
  readonly secretIndex: number;
  readonly secretLabel: string;
};

/**
 * Computes the MAC once per secret and compares it, in constant time, with every candidate.
 * The first secret (in rotation order) that matches wins. Failure codes: `no_secrets`,
 * `unusable_secret`, `no_matching_signature`.
 */
export function matchSecret(request: SecretMatchRequest): SecretMatch | VerificationFailure {
  const derived = deriveSecretKeys(request.secrets, request.deriveKey);
  if (!derived.ok) {
    return derived;
  }

  for (const [secretIndex, key] of derived.keys.entries()) {
    const expected = hmacDigest(request.algorithm, key, request.signedParts);
    if (request.candidates.some((candidate) => constantTimeEqual(candidate, expected))) {
      const secretLabel = request.secrets[secretIndex]?.label ?? '';
      return { ok: true, secretIndex, secretLabel };
    }
  }
  return verificationFailure(VerificationFailureReason.NoMatchingSignature);
}
