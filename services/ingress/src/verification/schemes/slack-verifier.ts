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
import type { ResolvedSlackOptions, SlackOptions } from './slack-options.ts';
import { resolveSlackOptions } from './slack-options.ts';

const versionLabelPattern = /^v[0-9]+$/;

/**
 * Slack: `X-Slack-Signature: v0=<hex>`, HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<body>`
 * keyed with the app's signing secret. Slack sends no delivery id; its retries are recognised
 * by the body digest.
 */
export function createSlackVerifier(options?: SlackOptions): Verifier {
  const resolved = resolveSlackOptions(options);
  return Object.freeze({
    scheme: 'slack',
    verify: (input: VerificationInput) => verifySlack(resolved, input),
    checkSecrets: (secrets) => checkSecretSet(secrets, utf8SecretKey),
  } satisfies Verifier);
}

function verifySlack(options: ResolvedSlackOptions, input: VerificationInput): VerificationResult {
  const signatureHeader = readHeader(input.headers, options.signatureHeaderName);
  if (!signatureHeader.ok) {
    return signatureHeader;
  }
  const timestampHeader = readHeader(input.headers, options.timestampHeaderName);
  if (!timestampHeader.ok) {
    return timestampHeader;
  }

  const signature = parseSlackSignature(signatureHeader.value, options.signatureHeaderName);
  if (isVerificationFailure(signature)) {
    return signature;
  }
  const window = checkTimestampWindow(
    timestampHeader.value,
    options.timestampHeaderName,
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
    signedParts: ['v0:', timestampHeader.value, ':', input.rawBody],
    candidates: [signature],
  });
  if (!match.ok) {
    return match;
  }

  return verificationSuccess({ scheme: 'slack', ...match, timestampMs: window.timestampMs });
}

function parseSlackSignature(value: string, headerName: string): Buffer | VerificationFailure {
  const parts = splitVersioned(value, '=');
  if (parts === undefined || !versionLabelPattern.test(parts.label)) {
    return verificationFailure(VerificationFailureReason.MalformedHeader, headerName);
  }
  if (parts.label !== 'v0') {
    return verificationFailure(VerificationFailureReason.UnsupportedAlgorithm, headerName);
  }

  const signature = decodeHexStrict(parts.value);
  if (signature?.length !== hmacDigestBytes.sha256) {
    return verificationFailure(VerificationFailureReason.MalformedHeader, headerName);
  }
  return signature;
}
