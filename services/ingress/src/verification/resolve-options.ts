import { z } from 'zod';
import { VerifierError } from './verifier-error.ts';

/**
 * Validates options once, fills defaults, and deep-freezes the result so nothing changes it
 * later. Throws {@link VerifierError} `invalid_options` naming the scheme and every issue.
 */
export function resolveOptions<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  scheme: string,
): Readonly<z.output<Schema>> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new VerifierError('invalid_options', `invalid ${scheme} verifier options`, {
      cause: parsed.error,
      issues: z.prettifyError(parsed.error),
    });
  }
  return deepFreeze(parsed.data);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const nested of Object.values(value)) {
      deepFreeze(nested);
    }
    Object.freeze(value);
  }
  return value;
}
