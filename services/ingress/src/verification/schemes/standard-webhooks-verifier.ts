import { checkSecretSet } from '../derive-secret-keys.ts';
import { hmacDigestBytes } from '../hmac-digest.ts';
import { matchSecret } from '../match-secret.ts';
import { readHeader } from '../read-header.ts';
import { splitVersioned } from '../split-versioned.ts';
import { decodeBase64Strict } from '../strict-decoding.ts';
import { checkTimestampWindow } from '../timestamp-window.ts';
import type { VerificationFailure, VerificationResult } from '../verification-result.ts';
import {
  isVerificationFailure,
  VerificationFailureReason,
  verificationFailure,
  verificationSuccess,
} from '../verification-result.ts';
import type { RequestHeaders, VerificationInput, Verifier } from '../verifier.ts';
import type {
  ResolvedStandardWebhooksOptions,
  StandardWebhooksOptions,
} from './standard-webhooks-options.ts';
import { resolveStandardWebhooksOptions } from './standard-webhooks-options.ts';
import { standardWebhooksSecretKey } from './standard-webhooks-secret-key.ts';

/** The three header names of one prefix family. */
interface HeaderNames {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
}

/**
 * Standard Webhooks (and Svix, under `svix-*` names): `webhook-signature` is a space-separated
 * list of `<version>,<signature>`; each `v1` entry is a base64 HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<body>` keyed with the decoded `whsec_` secret. Other
 * versions (such as the asymmetric `v1a`) are ignored. The message id is the delivery id, and
 * unlike GitHub's it is covered by the MAC.
 */
// Shortcoming: asymmetric `v1a` (ed25519) signatures are skipped, not verified; no source needs them yet.
export function createStandardWebhooksVerifier(options?: StandardWebhooksOptions): Verifier {
  const resolved = resolveStandardWebhooksOptions(options);
  const families = resolved.headerPrefixes.map((prefix) => ({
    id: `${prefix}-id`,
    timestamp: `${prefix}-timestamp`,
    signature: `${prefix}-signature`,
  }));
  return Object.freeze({
    scheme: 'standard-webhooks',
    verify: (input: VerificationInput) => verifyStandardWebhooks(resolved, families, input),
    checkSecrets: (secrets) => checkSecretSet(secrets, standardWebhooksSecretKey),
  } satisfies Verifier);
}

function verifyStandardWebhooks(
  options: ResolvedStandardWebhooksOptions,
  families: readonly HeaderNames[],
  input: VerificationInput,
): VerificationResult {
  const names = pickHeaderFamily(families, input.headers);
  const id = readHeader(input.headers, names.id);
  if (!id.ok) {
    return id;
  }
  const timestamp = readHeader(input.headers, names.timestamp);
  if (!timestamp.ok) {
    return timestamp;
  }
  const signatureHeader = readHeader(input.headers, names.signature);
  if (!signatureHeader.ok) {
    return signatureHeader;
  }

  const candidates = parseSignatureList(signatureHeader.value, names.signature);
  if (isVerificationFailure(candidates)) {
    return candidates;
  }
  const window = checkTimestampWindow(
    timestamp.value,
    names.timestamp,
    input.nowMs,
    options.toleranceSeconds,
  );
  if (!window.ok) {
    return window;
  }

  const match = matchSecret({
    secrets: input.secrets,
    deriveKey: standardWebhooksSecretKey,
    algorithm: 'sha256',
    signedParts: [id.value, '.', timestamp.value, '.', input.rawBody],
    candidates,
  });
  if (!match.ok) {
    return match;
  }

  const { timestampMs } = window;
  return verificationSuccess({
    scheme: 'standard-webhooks',
    ...match,
    timestampMs,
    deliveryId: id.value,
  });
}

/**
 * The first family with any of its headers present is used whole; names are never mixed across
 * families. With none present, the first family is reported as missing.
 */
function pickHeaderFamily(families: readonly HeaderNames[], headers: RequestHeaders): HeaderNames {
  const present = families.find((names) =>
    [names.id, names.timestamp, names.signature].some((name) => headers[name] !== undefined),
  );
  return present ?? (families[0] as HeaderNames);
}

function parseSignatureList(
  value: string,
  headerName: string,
): readonly Buffer[] | VerificationFailure {
  const malformed = verificationFailure(VerificationFailureReason.MalformedHeader, headerName);
  const entries = value
    .split(' ')
    .map((entry) => splitVersioned(entry, ','))
    .filter((entry) => entry !== undefined);
  if (entries.length === 0) {
    return malformed;
  }

  const v1 = entries.filter((entry) => entry.label === 'v1');
  if (v1.length === 0) {
    return verificationFailure(VerificationFailureReason.UnsupportedAlgorithm, headerName);
  }

  // As with Stripe, an undecodable v1 entry cannot match and is dropped; only an all-bad list
  // is malformed.
  const candidates = v1
    .map((entry) => decodeBase64Strict(entry.value))
    .filter((signature) => signature?.length === hmacDigestBytes.sha256) as Buffer[];
  return candidates.length === 0 ? malformed : candidates;
}
