/**
 * Log paths pino censors. The ingress never logs secrets or request headers on purpose; these
 * catch a mistake: a source object, a rotation set or a header map passed to a log call.
 */
export const ingressRedactPaths: readonly string[] = Object.freeze([
  'secret',
  'secrets',
  '*.secret',
  '*.secrets',
  '*.*.secrets',
  'headers.authorization',
  'headers.cookie',
  'headers["x-hub-signature-256"]',
  'headers["stripe-signature"]',
  'headers["x-shopify-hmac-sha256"]',
  'headers["x-slack-signature"]',
  'headers["webhook-signature"]',
  'headers["svix-signature"]',
  'headers["x-signature"]',
]);
