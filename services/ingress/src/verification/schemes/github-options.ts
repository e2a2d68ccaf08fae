import { z } from 'zod';
import { headerNameSchema } from '../option-schemas.ts';
import { resolveOptions } from '../resolve-options.ts';

/** Options of the GitHub scheme (`X-Hub-Signature-256: sha256=<hex>`). */
export interface GitHubOptions {
  /** Header carrying the signature; default `x-hub-signature-256`. */
  readonly signatureHeaderName?: string;
  /** Header carrying the delivery id (not covered by the MAC); default `x-github-delivery`. */
  readonly deliveryIdHeaderName?: string;
}

/** Defaults of {@link GitHubOptions}. */
export const gitHubDefaults = Object.freeze({
  signatureHeaderName: 'x-hub-signature-256',
  deliveryIdHeaderName: 'x-github-delivery',
});

const gitHubOptionsSchema = z.strictObject({
  signatureHeaderName: headerNameSchema.default(gitHubDefaults.signatureHeaderName),
  deliveryIdHeaderName: headerNameSchema.default(gitHubDefaults.deliveryIdHeaderName),
});

/** {@link GitHubOptions} validated, with defaults filled, frozen. */
export type ResolvedGitHubOptions = Readonly<z.output<typeof gitHubOptionsSchema>>;

/** Validates GitHub options; throws `VerifierError` `invalid_options`. */
export function resolveGitHubOptions(options?: GitHubOptions): ResolvedGitHubOptions {
  return resolveOptions(gitHubOptionsSchema, options, 'github');
}
