import { hmacDigest } from '../hmac-digest.ts';
import type { GitHubOptions } from '../schemes/github-options.ts';
import { resolveGitHubOptions } from '../schemes/github-options.ts';
import type { SignedHeaders, SignRequest } from './sign-request.ts';
import { bodyBytes } from './sign-request.ts';

/** Signs like GitHub: `x-hub-signature-256: sha256=<hex>`, plus the delivery id when given. */
export function signGitHub(request: SignRequest, options?: GitHubOptions): SignedHeaders {
  const resolved = resolveGitHubOptions(options);
  const key = Buffer.from(request.secret, 'utf8');
  const digest = hmacDigest('sha256', key, [bodyBytes(request.body)]);

  return Object.freeze({
    [resolved.signatureHeaderName]: `sha256=${digest.toString('hex')}`,
    ...(request.deliveryId === undefined
      ? {}
      : { [resolved.deliveryIdHeaderName]: request.deliveryId }),
  });
}
