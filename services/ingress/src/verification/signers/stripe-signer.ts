import { hmacDigest } from '../hmac-digest.ts';
import type { StripeOptions } from '../schemes/stripe-options.ts';
import { resolveStripeOptions } from '../schemes/stripe-options.ts';
import type { SignedHeaders, SignRequest } from './sign-request.ts';
import { bodyBytes, unixSeconds } from './sign-request.ts';

/** Signs like Stripe: `stripe-signature: t=<unix>,v1=<hex>` with one secret. */
export function signStripe(request: SignRequest, options?: StripeOptions): SignedHeaders {
  const resolved = resolveStripeOptions(options);
  const timestamp = unixSeconds(request.nowMs);
  const key = Buffer.from(request.secret, 'utf8');
  const digest = hmacDigest('sha256', key, [timestamp, '.', bodyBytes(request.body)]);

  return Object.freeze({
    [resolved.signatureHeaderName]: `t=${timestamp},v1=${digest.toString('hex')}`,
  });
}
