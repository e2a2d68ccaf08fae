import { randomUUID } from 'node:crypto';
import { hmacDigest } from '../hmac-digest.ts';
import type { StandardWebhooksOptions } from '../schemes/standard-webhooks-options.ts';
import { resolveStandardWebhooksOptions } from '../schemes/standard-webhooks-options.ts';
import { standardWebhooksSecretKey } from '../schemes/standard-webhooks-secret-key.ts';
import { VerifierError } from '../verifier-error.ts';
import type { SignedHeaders, SignRequest } from './sign-request.ts';
import { bodyBytes, unixSeconds } from './sign-request.ts';

/**
 * Signs like Standard Webhooks, under the first configured prefix (`webhook-*` by default).
 * Without a delivery id a random `msg_<uuid>` is sent, since the scheme requires one.
 * Throws {@link VerifierError} `invalid_options` when the secret is not `whsec_<base64>`.
 */
export function signStandardWebhooks(
  request: SignRequest,
  options?: StandardWebhooksOptions,
): SignedHeaders {
  const resolved = resolveStandardWebhooksOptions(options);
  const key = standardWebhooksSecretKey(request.secret);
  if (key === undefined) {
    throw new VerifierError('invalid_options', 'standard webhooks secret is not whsec_<base64>');
  }

  const prefix = resolved.headerPrefixes[0] ?? 'webhook';
  const id = request.deliveryId ?? `msg_${randomUUID()}`;
  const timestamp = unixSeconds(request.nowMs);
  const digest = hmacDigest('sha256', key, [id, '.', timestamp, '.', bodyBytes(request.body)]);

  return Object.freeze({
    [`${prefix}-id`]: id,
    [`${prefix}-timestamp`]: timestamp,
    [`${prefix}-signature`]: `v1,${digest.toString('base64')}`,
  });
}
