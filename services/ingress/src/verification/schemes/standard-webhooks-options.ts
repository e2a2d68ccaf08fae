import { z } from 'zod';
import { defaultToleranceSeconds, toleranceSecondsSchema } from '../option-schemas.ts';
import { resolveOptions } from '../resolve-options.ts';

/** Options of the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
export interface StandardWebhooksOptions {
  /**
   * Header name prefixes, in order of preference: `<prefix>-id`, `<prefix>-timestamp`,
   * `<prefix>-signature`. Default `['webhook', 'svix']` (Svix sends the same scheme as `svix-*`).
   */
  readonly headerPrefixes?: readonly string[];
  /** How far the signed timestamp may be from now, either way, in seconds; default 300. */
  readonly toleranceSeconds?: number;
}

/** Defaults of {@link StandardWebhooksOptions}. */
export const standardWebhooksDefaults = Object.freeze({
  headerPrefixes: Object.freeze(['webhook', 'svix']),
  toleranceSeconds: defaultToleranceSeconds,
});

const standardWebhooksOptionsSchema = z.strictObject({
  headerPrefixes: z
    .array(z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case header name prefix'))
    .min(1)
    .default([...standardWebhooksDefaults.headerPrefixes]),
  toleranceSeconds: toleranceSecondsSchema.default(standardWebhooksDefaults.toleranceSeconds),
});

/** {@link StandardWebhooksOptions} validated, with defaults filled, frozen. */
export type ResolvedStandardWebhooksOptions = Readonly<
  z.output<typeof standardWebhooksOptionsSchema>
>;

/** Validates Standard Webhooks options; throws `VerifierError` `invalid_options`. */
export function resolveStandardWebhooksOptions(
  options?: StandardWebhooksOptions,
): ResolvedStandardWebhooksOptions {
  return resolveOptions(standardWebhooksOptionsSchema, options, 'standard-webhooks');
}
