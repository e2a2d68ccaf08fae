import { z } from 'zod';
import {
  defaultToleranceSeconds,
  headerNameSchema,
  toleranceSecondsSchema,
} from '../option-schemas.ts';
import { resolveOptions } from '../resolve-options.ts';

/** Options of the Slack scheme (`X-Slack-Signature: v0=<hex>` over a timestamped basestring). */
export interface SlackOptions {
  /** Header carrying the signature; default `x-slack-signature`. */
  readonly signatureHeaderName?: string;
  /** Header carrying the signed Unix timestamp; default `x-slack-request-timestamp`. */
  readonly timestampHeaderName?: string;
  /** How far the signed timestamp may be from now, either way, in seconds; default 300. */
  readonly toleranceSeconds?: number;
}

/** Defaults of {@link SlackOptions}; 300 s is the five minutes Slack's guide recommends. */
export const slackDefaults = Object.freeze({
  signatureHeaderName: 'x-slack-signature',
  timestampHeaderName: 'x-slack-request-timestamp',
  toleranceSeconds: defaultToleranceSeconds,
});

const slackOptionsSchema = z.strictObject({
  signatureHeaderName: headerNameSchema.default(slackDefaults.signatureHeaderName),
  timestampHeaderName: headerNameSchema.default(slackDefaults.timestampHeaderName),
  toleranceSeconds: toleranceSecondsSchema.default(slackDefaults.toleranceSeconds),
});

/** {@link SlackOptions} validated, with defaults filled, frozen. */
export type ResolvedSlackOptions = Readonly<z.output<typeof slackOptionsSchema>>;

/** Validates Slack options; throws `VerifierError` `invalid_options`. */
export function resolveSlackOptions(options?: SlackOptions): ResolvedSlackOptions {
  return resolveOptions(slackOptionsSchema, options, 'slack');
}
