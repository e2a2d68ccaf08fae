import type { RotationSet } from './rotation-secrets.ts';
import type { VerificationFailure } from './verification-result.ts';
import { VerificationFailureReason, verificationFailure } from './verification-result.ts';

/** Turns a secret as configured into HMAC key bytes, or `undefined` when it cannot. */
export type KeyDerivation = (secretValue: string) => Buffer | undefined;

/** The common derivation: the secret's UTF-8 bytes are the key (GitHub, Stripe, Slack, ...). */
export const utf8SecretKey: KeyDerivation = (secretValue) =>
  secretValue.length > 0 ? Buffer.from(secretValue, 'utf8') : undefined;

/** Keys of a whole rotation set, in order. */
export type DerivedKeys = { readonly ok: true; readonly keys: readonly Buffer[] };

/**
 * Derives every key of a rotation set. All are derived before any is used, so a broken secret
 * surfaces as `unusable_secret` on every delivery, not only on those the good secrets miss.
 * An empty set is `no_secrets`.
 */
export function deriveSecretKeys(
  secrets: RotationSet,
  deriveKey: KeyDerivation,
): DerivedKeys | VerificationFailure {
  if (secrets.length === 0) {
    return verificationFailure(VerificationFailureReason.NoSecrets);
  }

  const keys: Buffer[] = [];
  for (const secret of secrets) {
    const key = typeof secret?.value === 'string' ? deriveKey(secret.value) : undefined;
    if (key === undefined || key.length === 0) {
      return verificationFailure(VerificationFailureReason.UnusableSecret);
    }
    keys.push(key);
  }
  return { ok: true, keys };
}

/** `Verifier.checkSecrets` for a given derivation: the set is usable, or why not. */
export function checkSecretSet(
  secrets: RotationSet,
  deriveKey: KeyDerivation,
): { readonly ok: true } | VerificationFailure {
  const derived = deriveSecretKeys(secrets, deriveKey);
  return derived.ok ? { ok: true } : derived;
}
