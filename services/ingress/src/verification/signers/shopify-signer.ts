import { hmacDigest } from '../hmac-digest.ts';
import type { ShopifyOptions } from '../schemes/shopify-options.ts';
import { resolveShopifyOptions } from '../schemes/shopify-options.ts';
import type { SignedHeaders, SignRequest } from './sign-request.ts';
import { bodyBytes } from './sign-request.ts';

/** Signs like Shopify: `x-shopify-hmac-sha256: <base64>`, plus the webhook id when given. */
export function signShopify(request: SignRequest, options?: ShopifyOptions): SignedHeaders {
  const resolved = resolveShopifyOptions(options);
  const key = Buffer.from(request.secret, 'utf8');
  const digest = hmacDigest('sha256', key, [bodyBytes(request.body)]);

  return Object.freeze({
    [resolved.signatureHeaderName]: digest.toString('base64'),
    ...(request.deliveryId === undefined
      ? {}
      : { [resolved.deliveryIdHeaderName]: request.deliveryId }),
  });
}
