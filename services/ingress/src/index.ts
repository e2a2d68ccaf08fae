// Public API of the ingress package. Only verification exists so far; the HTTP server and the
// publisher are built on top of it.
export type { VerifierConfig } from './verification/create-verifier.ts';
export { createVerifier } from './verification/create-verifier.ts';
export type { HmacAlgorithm } from './verification/hmac-digest.ts';
export { hmacAlgorithms } from './verification/hmac-digest.ts';
export type { LooseHeaders } from './verification/normalize-headers.ts';
export { normalizeHeaders } from './verification/normalize-headers.ts';
export { defaultToleranceSeconds, maxToleranceSeconds } from './verification/option-schemas.ts';
export { maxHeaderValueChars } from './verification/read-header.ts';
export type { RotationSecret, RotationSet } from './verification/rotation-secrets.ts';
export { parseRotationSet } from './verification/rotation-secrets.ts';
export type { SchemeName } from './verification/scheme-names.ts';
export { schemeNames } from './verification/scheme-names.ts';
export type {
  GenericHmacOptions,
  GenericHmacTimestampOptions,
} from './verification/schemes/generic-hmac-options.ts';
export { genericHmacDefaults } from './verification/schemes/generic-hmac-options.ts';
export { createGenericHmacVerifier } from './verification/schemes/generic-hmac-verifier.ts';
export type { GitHubOptions } from './verification/schemes/github-options.ts';
export { gitHubDefaults } from './verification/schemes/github-options.ts';
export { createGitHubVerifier } from './verification/schemes/github-verifier.ts';
export type { ShopifyOptions } from './verification/schemes/shopify-options.ts';
export { shopifyDefaults } from './verification/schemes/shopify-options.ts';
export { createShopifyVerifier } from './verification/schemes/shopify-verifier.ts';
export type { SlackOptions } from './verification/schemes/slack-options.ts';
export { slackDefaults } from './verification/schemes/slack-options.ts';
export { createSlackVerifier } from './verification/schemes/slack-verifier.ts';
export type { StandardWebhooksOptions } from './verification/schemes/standard-webhooks-options.ts';
export { standardWebhooksDefaults } from './verification/schemes/standard-webhooks-options.ts';
export { createStandardWebhooksVerifier } from './verification/schemes/standard-webhooks-verifier.ts';
export type { StripeOptions } from './verification/schemes/stripe-options.ts';
export { stripeDefaults } from './verification/schemes/stripe-options.ts';
export { createStripeVerifier } from './verification/schemes/stripe-verifier.ts';
export type { SignableScheme, SignExtras } from './verification/signers/sign.ts';
export { sign } from './verification/signers/sign.ts';
export type { SignedHeaders, SignRequest } from './verification/signers/sign-request.ts';
export type { SignatureEncoding } from './verification/strict-decoding.ts';
export type {
  VerificationFailure,
  VerificationFailureOrigin,
  VerificationResult,
  VerificationSuccess,
} from './verification/verification-result.ts';
export {
  VerificationFailureReason,
  verificationFailureOrigins,
} from './verification/verification-result.ts';
export type { RequestHeaders, VerificationInput, Verifier } from './verification/verifier.ts';
export { VerifierError, VerifierErrorCode } from './verification/verifier-error.ts';
