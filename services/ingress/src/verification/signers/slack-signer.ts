import { hmacDigest } from '../hmac-digest.ts';
import type { SlackOptions } from '../schemes/slack-options.ts';
import { resolveSlackOptions } from '../schemes/slack-options.ts';
import type { SignedHeaders, SignRequest } from './sign-request.ts';
import { bodyBytes, unixSeconds } from './sign-request.ts';

/** Signs like Slack: `x-slack-signature: v0=<hex>` and `x-slack-request-timestamp`. */
export function signSlack(request: SignRequest, options?: SlackOptions): SignedHeaders {
  const resolved = resolveSlackOptions(options);
  const timestamp = unixSeconds(request.nowMs);
  const key = Buffer.from(request.secret, 'utf8');
  const digest = hmacDigest('sha256', key, ['v0:', timestamp, ':', bodyBytes(request.body)]);

  return Object.freeze({
    [resolved.signatureHeaderName]: `v0=${digest.toString('hex')}`,
    [resolved.timestampHeaderName]: timestamp,
  });
}
