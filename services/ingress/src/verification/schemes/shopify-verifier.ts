import { checkSecretSet, utf8SecretKey } from '../derive-secret-keys.ts';
import { hmacDigestBytes } from '../hmac-digest.ts';
import { matchSecret } from '../match-secret.ts';
import { readHeader, readOptionalHeader } from '../read-header.ts';
import { decodeBase64Strict } from '../strict-decoding.ts';
import type { VerificationResult } from '../verification-result.ts';
import {
  VerificationFailureReason,
  verificationFailure,
  verificationSuccess,
} from '../verification-result.ts';
import type { VerificationInput, Verifier } from '../verifier.ts';
import type { ResolvedShopifyOptions, ShopifyOptions } from './shopify-options.ts';
import { resolveShopifyOptions } from './shopify-options.ts';

/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>`, keyed with the app's
 * client secret. No signed timestamp, so no replay window; the delivery id comes from
 * `X-Shopify-Webhook-Id`.
 */
export function createShopifyVerifier(options?: ShopifyOptions): Verifier {
  const resolved = resolveShopifyOptions(options);
  return Object.freeze({
    scheme: 'shopify',
    verify: (input: VerificationInput) => verifyShopify(resolved, input),
    checkSecrets: (secrets) => checkSecretSet(secrets, utf8SecretKey),
  } satisfies Verifier);
}

function verifyShopify(
  options: ResolvedShopifyOptions,
  input: VerificationInput,
): VerificationResult {
  const header = readHeader(input.headers, options.signatureHeaderName);
  if (!header.ok) {
    return header;
  }

  const signature = decodeBase64Strict(header.value);
  if (signature?.length !== hmacDigestBytes.sha256) {
    return verificationFailure(
      VerificationFailureReason.MalformedHeader,
      options.signatureHeaderName,
    );
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
  return verificationSuccess({ scheme: 'shopify', ...match, deliveryId });
}
