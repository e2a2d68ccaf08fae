import { createHmac } from 'node:crypto';

/** HMAC hash functions the verifiers use, as a closed set. */
export const hmacAlgorithms = ['sha1', 'sha256', 'sha512'] as const;

/** One of {@link hmacAlgorithms}. */
export type HmacAlgorithm = (typeof hmacAlgorithms)[number];

/** Digest size in bytes of each algorithm, to refuse signatures of the wrong length early. */
export const hmacDigestBytes: Readonly<Record<HmacAlgorithm, number>> = Object.freeze({
  sha1: 20,
  sha256: 32,
  sha512: 64,
});

/**
 * HMAC over the concatenation of `parts`, fed one by one so the body is never copied into a
 * larger buffer. Strings are taken as UTF-8; Buffers exactly as they are.
 */
export function hmacDigest(
  algorithm: HmacAlgorithm,
  key: Uint8Array,
  parts: readonly (string | Uint8Array)[],
): Buffer {
  const hmac = createHmac(algorithm, key);
  for (const part of parts) {
    hmac.update(part);
  }
  return hmac.digest();
}
