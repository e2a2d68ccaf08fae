import { decodeBase64Strict } from '../strict-decoding.ts';

/** Prefix of Standard Webhooks (and Svix) secrets. */
export const standardWebhooksSecretPrefix = 'whsec_';

/**
 * The key of a Standard Webhooks secret is the base64-decoded part after `whsec_`, not the
 * text itself. Like the reference library, a secret without the prefix is taken as bare base64.
 * `undefined` when the base64 is not valid or decodes to nothing.
 */
export function standardWebhooksSecretKey(secretValue: string): Buffer | undefined {
  const encoded = secretValue.startsWith(standardWebhooksSecretPrefix)
    ? secretValue.slice(standardWebhooksSecretPrefix.length)
    : secretValue;
  const key = decodeBase64Strict(encoded);
  return key !== undefined && key.length > 0 ? key : undefined;
}
