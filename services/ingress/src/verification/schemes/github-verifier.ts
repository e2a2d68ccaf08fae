import { checkSecretSet, utf8SecretKey } from '../derive-secret-keys.ts';
import { hmacDigestBytes } from '../hmac-digest.ts';
import { matchSecret } from '../match-secret.ts';
import { readHeader, readOptionalHeader } from '../read-header.ts';
import { splitVersioned } from '../split-versioned.ts';
import { decodeHexStrict } from '../strict-decoding.ts';
import type { VerificationFailure, VerificationResult } from '../verification-result.ts';
import {
  isVerificationFailure,
  VerificationFailureReason,
  verificationFailure,
  verificationSuccess,
} from '../verification-result.ts';
import type { VerificationInput, Verifier } from '../verifier.ts';
import type { GitHubOptions, ResolvedGitHubOptions } from './github-options.ts';
import { resolveGitHubOptions } from './github-options.ts';

const algorithmLabelPattern = /^[a-z0-9]+$/;

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`. No signed timestamp, so
 * no replay window; the delivery id comes from `X-GitHub-Delivery`. Only SHA-256 is checked:
 * the legacy SHA-1 `X-Hub-Signature` is deliberately not supported.
 */
export function createGitHubVerifier(options?: GitHubOptions): Verifier {
  const resolved = resolveGitHubOptions(options);
  return Object.freeze({
    scheme: 'github',
    verify: (input: VerificationInput) => verifyGitHub(resolved, input),
    checkSecrets: (secrets) => checkSecretSet(secrets, utf8SecretKey),
  } satisfies Verifier);
}

function verifyGitHub(
  options: ResolvedGitHubOptions,
  input: VerificationInput,
): VerificationResult {
  const header = readHeader(input.headers, options.signatureHeaderName);
  if (!header.ok) {
    return header;
  }

  const signature = parseGitHubSignature(header.value, options.signatureHeaderName);
  if (isVerificationFailure(signature)) {
    return signature;
  }

  const match = matchSecret({
    secrets: input.secrets,
    deriveKey: utf8SecretKey,
    algorithm: 'sha256',
    signedParts: [input.rawBody],
    candidates: [signature],
  });
  if (!match.ok) {
    return match;
  }

  const deliveryId = readOptionalHeader(input.headers, options.deliveryIdHeaderName);
  return verificationSuccess({ scheme: 'github', ...match, deliveryId });
}

function parseGitHubSignature(value: string, headerName: string): Buffer | VerificationFailure {
  const parts = splitVersioned(value, '=');
  if (parts === undefined || !algorithmLabelPattern.test(parts.label)) {
    return verificationFailure(VerificationFailureReason.MalformedHeader, headerName);
  }
  if (parts.label !== 'sha256') {
    return verificationFailure(VerificationFailureReason.UnsupportedAlgorithm, headerName);
  }

  const signature = decodeHexStrict(parts.value);
  if (signature?.length !== hmacDigestBytes.sha256) {
    return verificationFailure(VerificationFailureReason.MalformedHeader, headerName);
  }
  return signature;
}
