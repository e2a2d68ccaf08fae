import { z } from 'zod';
import { VerifierError } from './verifier-error.ts';

/** One secret of a rotation set; the label names it in logs and in the envelope, never the value. */
export interface RotationSecret {
  /** Human-readable name, unique within its set, e.g. `2024-06` or `current`. */
  readonly label: string;
  /** The secret exactly as the provider shows it (Standard Webhooks: `whsec_<base64>`). */
  readonly value: string;
}

/**
 * Secrets tried in order; any of them verifies a delivery. During a rotation the set holds the
 * old and the new secret, so deliveries signed with either keep passing.
 */
export type RotationSet = readonly RotationSecret[];

const rotationSetSchema = z
  .array(z.strictObject({ label: z.string().min(1), value: z.string().min(1) }))
  .min(1)
  .refine((set) => new Set(set.map((secret) => secret.label)).size === set.length, {
    message: 'secret labels must be unique within a rotation set',
  });

/**
 * Validates a rotation set read from configuration (non-empty, non-empty labels and values,
 * unique labels) and returns a frozen copy. Throws {@link VerifierError} `invalid_options`.
 * Scheme-specific checks (such as `whsec_` decoding) are done by `Verifier.checkSecrets`.
 */
export function parseRotationSet(input: unknown): RotationSet {
  const parsed = rotationSetSchema.safeParse(input);
  if (!parsed.success) {
    throw new VerifierError('invalid_options', 'invalid rotation set', {
      cause: parsed.error,
      issues: z.prettifyError(parsed.error),
    });
  }

  return Object.freeze(parsed.data.map((secret) => Object.freeze({ ...secret })));
}
