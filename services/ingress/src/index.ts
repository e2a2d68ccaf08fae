// Public API of the ingress package: the service (configuration, start, HTTP app, errors) and
// the verification schemes it is built on. The process entry point is `main.ts`.
export type { GzipPolicy } from './body/content-encoding.ts';
export { gzipPolicies } from './body/content-encoding.ts';
export { defaultIngressConfig } from './config/default-ingress-config.ts';
export type {
  IngressConfig,
  KafkaConfig,
  PublishConfig,
  RegistryConfig,
  ServerConfig,
} from './config/ingress-config.ts';
export { ingressDefaults } from './config/ingress-config.ts';
export type { ConfigFromEnv, IngressEnv } from './config/ingress-config-from-env.ts';
export { ingressConfigFromEnv } from './config/ingress-config-from-env.ts';
export { defaultSecretsEnv } from './config/read-rotation-secrets.ts';
export type {
  ResolveContext,
  ResolvedIngressConfig,
  ResolvedSource,
} from './config/resolve-ingress-config.ts';
export { resolveIngressConfig } from './config/resolve-ingress-config.ts';
export type {
  HandshakeName,
  RateLimitConfig,
  SourceConfig,
  SourceTopicConfig,
} from './config/source-config.ts';
export { handshakeNames, sourceDefaults } from './config/source-config.ts';
export type { IngressErrorCode, IngressErrorOptions } from './errors/ingress-error.ts';
export { IngressError, ingressErrorCodes, isIngressError } from './errors/ingress-error.ts';
export { deriveEventId, maxEventFieldChars } from './extraction/extract-event-fields.ts';
export type { FieldLocator } from './extraction/field-locator.ts';
export type { IngressAppDeps } from './http/create-ingress-app.ts';
export { createIngressApp } from './http/create-ingress-app.ts';
export type { ReadinessReport } from './http/probe-routes.ts';
export { ingressRedactPaths } from './ingress-redact-paths.ts';
export type { RunningIngress, StartIngressOptions } from './start-ingress.ts';
export { startIngress } from './start-ingress.ts';
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
