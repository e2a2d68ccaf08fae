import { z } from 'zod';
import {
  defaultToleranceSeconds,
  headerNameSchema,
  toleranceSecondsSchema,
} from '../option-schemas.ts';
import { resolveOptions } from '../resolve-options.ts';

/** Options of the Stripe scheme (`Stripe-Signature: t=<unix>,v1=<hex>,...`). */
export interface StripeOptions {
  /** Header carrying timestamp and signatures; default `stripe-signature`. */
  readonly signatureHeaderName?: string;
  /** How far the signed timestamp may be from now, either way, in seconds; default 300. */
  readonly toleranceSeconds?: number;
}

/** Defaults of {@link StripeOptions}. */
export const stripeDefaults = Object.freeze({
  signatureHeaderName: 'stripe-signature',
  toleranceSeconds: defaultToleranceSeconds,
});

const stripeOptionsSchema = z.strictObject({
  signatureHeaderName: headerNameSchema.default(stripeDefaults.signatureHeaderName),
  toleranceSeconds: toleranceSecondsSchema.default(stripeDefaults.toleranceSeconds),
});

/** {@link StripeOptions} validated, with defaults filled, frozen. */
export type ResolvedStripeOptions = Readonly<z.output<typeof stripeOptionsSchema>>;

/** Validates Stripe options; throws `VerifierError` `invalid_options`. */
export function resolveStripeOptions(options?: StripeOptions): ResolvedStripeOptions {
  return resolveOptions(stripeOptionsSchema, options, 'stripe');
}
