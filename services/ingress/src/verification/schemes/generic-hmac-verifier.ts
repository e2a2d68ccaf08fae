import { checkSecretSet, utf8SecretKey } from '../derive-secret-keys.ts';
import { hmacDigestBytes } from '../hmac-digest.ts';
import { matchSecret } from '../match-secret.ts';
import { readHeader, readOptionalHeader } from '../read-header.ts';
import { decodeSignature } from '../strict-decoding.ts';
import { checkTimestampWindow } from '../timestamp-window.ts';
import type { VerificationFailure, VerificationResult } from '../verification-result.ts';
import {
  isVerificationFailure,
  VerificationFailureReason,
  verificationFailure,
  verificationSuccess,
} from '../verification-result.ts';
import type { VerificationInput, Verifier } from '../verifier.ts';
import type { GenericHmacOptions, ResolvedGenericHmacOptions } from './generic-hmac-options.ts';
import { resolveGenericHmacOptions } from './generic-hmac-options.ts';
import type { SignedContentBuilder } from './generic-hmac-signed-content.ts';
import { compileSignedContent } from './generic-hmac-signed-content.ts';

/** Signed parts and timestamp of a delivery, once its headers are read. */
interface SignedInput {
  readonly signedParts: readonly (string | Uint8Array)[];
  readonly timestampMs?: number;
}

/**
 * Generic HMAC: a configurable header holding `<prefix><hex or base64 HMAC>` of the body, or,
 * with `timestamp` set, of a template such as `<timestamp>.<body>` with a checked window.
 * Secrets are used as UTF-8 bytes.
 */
export function createGenericHmacVerifier(options: GenericHmacOptions): Verifier {
  const resolved = resolveGenericHmacOptions(options);
  const template = resolved.timestamp?.signedContentTemplate;
  const build = template === undefined ? undefined : compileSignedContent(template);
  return Object.freeze({
    scheme: 'generic-hmac',
    verify: (input: VerificationInput) => verifyGenericHmac(resolved, build, input),
    checkSecrets: (secrets) => checkSecretSet(secrets, utf8SecretKey),
  } satisfies Verifier);
}

function verifyGenericHmac(
  options: ResolvedGenericHmacOptions,
  build: SignedContentBuilder | undefined,
  input: VerificationInput,
): VerificationResult {
  const header = readHeader(input.headers, options.signatureHeaderName);
  if (!header.ok) {
    return header;
  }

  const signature = parseSignature(options, header.value);
  if (isVerificationFailure(signature)) {
    return signature;
  }
  const signed = signedInput(options, build, input);
  if (isVerificationFailure(signed)) {
    return signed;
  }

  const match = matchSecret({
    secrets: input.secrets,
    deriveKey: utf8SecretKey,
    algorithm: options.algorithm,
    signedParts: signed.signedParts,
    candidates: [signature],
  });
  if (!match.ok) {
    return match;
  }

  const deliveryId =
    options.deliveryIdHeaderName === undefined
      ? undefined
      : readOptionalHeader(input.headers, options.deliveryIdHeaderName);
  const { timestampMs } = signed;
  return verificationSuccess({ scheme: 'generic-hmac', ...match, timestampMs, deliveryId });
}

function parseSignature(
  options: ResolvedGenericHmacOptions,
  value: string,
): Buffer | VerificationFailure {
  const prefixed = value.startsWith(options.signaturePrefix);
  const text = value.slice(options.signaturePrefix.length);
  const signature = prefixed ? decodeSignature(text, options.encoding) : undefined;
  if (signature?.length !== hmacDigestBytes[options.algorithm]) {
    return verificationFailure(
      VerificationFailureReason.MalformedHeader,
      options.signatureHeaderName,
    );
  }
  return signature;
}

function signedInput(
  options: ResolvedGenericHmacOptions,
  build: SignedContentBuilder | undefined,
  input: VerificationInput,
): SignedInput | VerificationFailure {
  if (options.timestamp === undefined || build === undefined) {
    return { signedParts: [input.rawBody] };
  }

  const { headerName, toleranceSeconds } = options.timestamp;
  const header = readHeader(input.headers, headerName);
  if (!header.ok) {
    return header;
  }
  const window = checkTimestampWindow(header.value, headerName, input.nowMs, toleranceSeconds);
  if (!window.ok) {
    return window;
  }

  return { signedParts: build(header.value, input.rawBody), timestampMs: window.timestampMs };
}
