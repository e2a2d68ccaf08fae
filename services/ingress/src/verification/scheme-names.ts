/** The verification schemes the ingress knows, as a closed set. */
export const schemeNames = [
  'github',
  'stripe',
  'shopify',
  'slack',
  'standard-webhooks',
  'generic-hmac',
] as const;

/** One of {@link schemeNames}. */
export type SchemeName = (typeof schemeNames)[number];
