import { z } from 'zod';
import { headerNameSchema } from '../option-schemas.ts';
import { resolveOptions } from '../resolve-options.ts';

/** Options of the Shopify scheme (`X-Shopify-Hmac-Sha256: <base64>`). */
export interface ShopifyOptions {
  /** Header carrying the signature; default `x-shopify-hmac-sha256`. */
  readonly signatureHeaderName?: string;
  /** Header carrying the delivery id (not covered by the MAC); default `x-shopify-webhook-id`. */
  readonly deliveryIdHeaderName?: string;
}

/** Defaults of {@link ShopifyOptions}. */
export const shopifyDefaults = Object.freeze({
  signatureHeaderName: 'x-shopify-hmac-sha256',
  deliveryIdHeaderName: 'x-shopify-webhook-id',
});

const shopifyOptionsSchema = z.strictObject({
  signatureHeaderName: headerNameSchema.default(shopifyDefaults.signatureHeaderName),
  deliveryIdHeaderName: headerNameSchema.default(shopifyDefaults.deliveryIdHeaderName),
});

/** {@link ShopifyOptions} validated, with defaults filled, frozen. */
export type ResolvedShopifyOptions = Readonly<z.output<typeof shopifyOptionsSchema>>;

/** Validates Shopify options; throws `VerifierError` `invalid_options`. */
export function resolveShopifyOptions(options?: ShopifyOptions): ResolvedShopifyOptions {
  return resolveOptions(shopifyOptionsSchema, options, 'shopify');
}
