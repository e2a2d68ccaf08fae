import type { VerifierConfig } from '../create-verifier.ts';
import type { SchemeName } from '../scheme-names.ts';
import { VerifierError } from '../verifier-error.ts';
import { signGenericHmac } from './generic-hmac-signer.ts';
import { signGitHub } from './github-signer.ts';
import { signShopify } from './shopify-signer.ts';
import type { SignedHeaders, SignRequest } from './sign-request.ts';
import { signSlack } from './slack-signer.ts';
import { signStandardWebhooks } from './standard-webhooks-signer.ts';
import { signStripe } from './stripe-signer.ts';

/** Schemes that can be signed by name alone; generic HMAC needs its options (a config). */
export type SignableScheme = Exclude<SchemeName, 'generic-hmac'>;

/** Optional parts of a signed delivery. */
export interface SignExtras {
  /** Delivery id to send where the scheme carries one. */
  readonly deliveryId?: string;
}

/**
 * Produces the headers a provider would send for `body`, for tests and the CLI's `send`. Takes
 * a scheme name (default options) or a full verifier config, so signer and verifier agree on
 * header names. Throws {@link VerifierError} for unknown schemes or invalid options.
 */
export function sign(
  scheme: SignableScheme | VerifierConfig,
  secret: string,
  body: Uint8Array | string,
  nowMs: number,
  extras: SignExtras = {},
): SignedHeaders {
  const config = (typeof scheme === 'string' ? { scheme } : scheme) as VerifierConfig;
  const request: SignRequest = { secret, body, nowMs, ...extras };
  switch (config?.scheme) {
    case 'github': {
      const { scheme: _, ...options } = config;
      return signGitHub(request, options);
    }
    case 'stripe': {
      const { scheme: _, ...options } = config;
      return signStripe(request, options);
    }
    case 'shopify': {
      const { scheme: _, ...options } = config;
      return signShopify(request, options);
    }
    case 'slack': {
      const { scheme: _, ...options } = config;
      return signSlack(request, options);
    }
    case 'standard-webhooks': {
      const { scheme: _, ...options } = config;
      return signStandardWebhooks(request, options);
    }
    case 'generic-hmac': {
      const { scheme: _, ...options } = config;
      return signGenericHmac(request, options);
    }
    default:
      throw new VerifierError('unknown_scheme', 'cannot sign for an unknown scheme');
  }
}
