import { checkSecretSet, utf8SecretKey } from '../derive-secret-keys.ts';
import { hmacDigestBytes } from '../hmac-digest.ts';
import { matchSecret } from '../match-secret.ts';
import { readHeader } from '../read-header.ts';
import { splitVersioned } from '../split-versioned.ts';
import { decodeHexStrict } from '../strict-decoding.ts';
import { checkTimestampWindow } from '../timestamp-window.ts';
import type { VerificationFailure, VerificationResult } from '../verification-result.ts';
import {
  isVerificationFailure,
  VerificationFailureReason,
  verificationFailure,
  verificationSuccess,
} from '../verification-result.ts';
import type { VerificationInput, Verifier } from '../verifier.ts';
import type { ResolvedStripeOptions, StripeOptions } from './stripe-options.ts';
import { resolveStripeOptions } from './stripe-options.ts';

// Keys are short lower-case words (`t`, `v1`, `v0`); anything else means a mangled header.
const itemKeyPattern = /^[a-z0-9]+$/;

/** The parts of a `Stripe-Signature` header a verifier uses. */
interface StripeSignatureHeader {
  readonly timestamp: string;
  readonly candidates: readonly Buffer[];
}

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...][,v0=<hex>]`, HMAC-SHA256 of
 * `<t>.<body>` keyed with the whole `whsec_...` string as UTF-8. Any `v1` may match (Stripe
 * sends one per active secret while a secret is rolled); `v0` and unknown keys are ignored
 * beside a `v1`, and without one the answer is `unsupported_algorithm`. The body is MACed as raw
 * bytes, where Stripe's library decodes it to a string first; the two agree on the UTF-8 JSON
 * Stripe sends. The timestamp is checked both ways, stricter than Stripe's library, which only
 * refuses old ones. No delivery id: Stripe puts the event id in the body.
 */
export function createStripeVerifier(options?: StripeOptions): Verifier {
  const resolved = resolveStripeOptions(options);
  return Object.freeze({
    scheme: 'stripe',
    verify: (input: VerificationInput) => verifyStripe(resolved, input),
    checkSecrets: (secrets) => checkSecretSet(secrets, utf8SecretKey),
  } satisfies Verifier);
}

function verifyStripe(
  options: ResolvedStripeOptions,
  input: VerificationInput,
): VerificationResult {
  const headerName = options.signatureHeaderName;
  const header = readHeader(input.headers, headerName);
  if (!header.ok) {
    return header;
  }

  const parsed = parseStripeSignature(header.value, headerName);
  if (isVerificationFailure(parsed)) {
    return parsed;
  }

  const window = checkTimestampWindow(
    parsed.timestamp,
    headerName,
    input.nowMs,
    options.toleranceSeconds,
  );
  if (!window.ok) {
    return window;
  }

  const match = matchSecret({
    secrets: input.secrets,
    deriveKey: utf8SecretKey,
    algorithm: 'sha256',
    signedParts: [parsed.timestamp, '.', input.rawBody],
    candidates: parsed.candidates,
  });
  if (!match.ok) {
    return match;
  }

  return verificationSuccess({ scheme: 'stripe', ...match, timestampMs: window.timestampMs });
}

function parseStripeSignature(
  value: string,
  headerName: string,
): StripeSignatureHeader | VerificationFailure {
  const malformed = verificationFailure(VerificationFailureReason.MalformedHeader, headerName);
  let timestamp: string | undefined;
  const v1: string[] = [];
  let otherSchemes = 0;

  for (const item of value.split(',')) {
    const pair = splitVersioned(item, '=');
    const unusable = pair === undefined || !itemKeyPattern.test(pair.label);
    if (unusable || (pair.label === 't' && timestamp !== undefined)) {
      return malformed;
    }
    if (pair.label === 't') {
      timestamp = pair.value;
    } else if (pair.label === 'v1') {
      v1.push(pair.value);
    } else {
      otherSchemes += 1;
    }
  }

  if (timestamp === undefined) {
    return malformed;
  }
  if (v1.length === 0) {
    return otherSchemes > 0
      ? verificationFailure(VerificationFailureReason.UnsupportedAlgorithm, headerName)
      : malformed;
  }

  // A v1 entry that is not a SHA-256 digest in hex can never match; it is dropped, and the
  // header is malformed only when no usable v1 entry is left.
  const candidates = v1
    .map(decodeHexStrict)
    .filter((signature) => signature?.length === hmacDigestBytes.sha256) as Buffer[];
  return candidates.length === 0 ? malformed : { timestamp, candidates };
}
