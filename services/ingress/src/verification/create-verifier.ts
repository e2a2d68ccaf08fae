import type { GenericHmacOptions } from './schemes/generic-hmac-options.ts';
import { createGenericHmacVerifier } from './schemes/generic-hmac-verifier.ts';
import type { GitHubOptions } from './schemes/github-options.ts';
import { createGitHubVerifier } from './schemes/github-verifier.ts';
import type { ShopifyOptions } from './schemes/shopify-options.ts';
import { createShopifyVerifier } from './schemes/shopify-verifier.ts';
import type { SlackOptions } from './schemes/slack-options.ts';
import { createSlackVerifier } from './schemes/slack-verifier.ts';
import type { StandardWebhooksOptions } from './schemes/standard-webhooks-options.ts';
import { createStandardWebhooksVerifier } from './schemes/standard-webhooks-verifier.ts';
import type { StripeOptions } from './schemes/stripe-options.ts';
import { createStripeVerifier } from './schemes/stripe-verifier.ts';
import type { Verifier } from './verifier.ts';
import { VerifierError } from './verifier-error.ts';

/** A scheme name with that scheme's options beside it, as a source's configuration holds it. */
export type VerifierConfig =
  | ({ readonly scheme: 'github' } & GitHubOptions)
  | ({ readonly scheme: 'stripe' } & StripeOptions)
  | ({ readonly scheme: 'shopify' } & ShopifyOptions)
  | ({ readonly scheme: 'slack' } & SlackOptions)
  | ({ readonly scheme: 'standard-webhooks' } & StandardWebhooksOptions)
  | ({ readonly scheme: 'generic-hmac' } & GenericHmacOptions);

/**
 * Builds the verifier a configuration names. Options are validated (unknown keys refused),
 * defaulted and frozen here, once. Throws {@link VerifierError}: `unknown_scheme`, or
 * `invalid_options`.
 */
export function createVerifier(config: VerifierConfig): Verifier {
  switch (config?.scheme) {
    case 'github': {
      const { scheme: _, ...options } = config;
      return createGitHubVerifier(options);
    }
    case 'stripe': {
      const { scheme: _, ...options } = config;
      return createStripeVerifier(options);
    }
    case 'shopify': {
      const { scheme: _, ...options } = config;
      return createShopifyVerifier(options);
    }
    case 'slack': {
      const { scheme: _, ...options } = config;
      return createSlackVerifier(options);
    }
    case 'standard-webhooks': {
      const { scheme: _, ...options } = config;
      return createStandardWebhooksVerifier(options);
    }
    case 'generic-hmac': {
      const { scheme: _, ...options } = config;
      return createGenericHmacVerifier(options);
    }
    default:
      throw new VerifierError('unknown_scheme', `unknown verification scheme: ${describe(config)}`);
  }
}

function describe(config: unknown): string {
  const scheme = (config as { scheme?: unknown } | null | undefined)?.scheme;
  return typeof scheme === 'string' ? JSON.stringify(scheme.slice(0, 64)) : typeof scheme;
}
