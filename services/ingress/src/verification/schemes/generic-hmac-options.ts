import { z } from 'zod';
import type { HmacAlgorithm } from '../hmac-digest.ts';
import { hmacAlgorithms } from '../hmac-digest.ts';
import {
  defaultToleranceSeconds,
  headerNameSchema,
  toleranceSecondsSchema,
} from '../option-schemas.ts';
import { resolveOptions } from '../resolve-options.ts';
import type { SignatureEncoding } from '../strict-decoding.ts';

/** Placeholder for the raw body in a signed-content template. */
export const bodyPlaceholder = '$' + '{body}';
/** Placeholder for the timestamp header's text in a signed-content template. */
export const timestampPlaceholder = '$' + '{timestamp}';

/** Signed-timestamp part of {@link GenericHmacOptions}. */
export interface GenericHmacTimestampOptions {
  /** Header carrying the Unix timestamp in seconds; required. */
  readonly headerName: string;
  /**
   * What is signed, with `${timestamp}` and `${body}` each exactly once, e.g. the default
   * `${timestamp}.${body}`. The timestamp is used as sent; the body as raw bytes.
   */
  readonly signedContentTemplate?: string;
  /** How far the timestamp may be from now, either way, in seconds; default 300. */
  readonly toleranceSeconds?: number;
}

// Shortcoming: secrets are always used as UTF-8 bytes; a provider handing out hex or base64 keys needs a key-encoding option.
/** Options of the generic HMAC scheme, for providers without a scheme of their own. */
export interface GenericHmacOptions {
  /** Header carrying the signature; required. */
  readonly signatureHeaderName: string;
  /** HMAC hash function; default `sha256`. */
  readonly algorithm?: HmacAlgorithm;
  /** How the signature is written; default `hex`. */
  readonly encoding?: SignatureEncoding;
  /** Text before the encoded signature, such as `sha256=`; default none. */
  readonly signaturePrefix?: string;
  /** Header carrying a delivery id (not covered by the MAC); default none. */
  readonly deliveryIdHeaderName?: string;
  /** When set, a signed timestamp is required and checked; absent means the body alone is signed. */
  readonly timestamp?: GenericHmacTimestampOptions;
}

/** Defaults of {@link GenericHmacOptions}. */
export const genericHmacDefaults = Object.freeze({
  algorithm: 'sha256',
  encoding: 'hex',
  signaturePrefix: '',
  signedContentTemplate: `${timestampPlaceholder}.${bodyPlaceholder}`,
  toleranceSeconds: defaultToleranceSeconds,
} as const);

function countOccurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

const signedContentTemplateSchema = z
  .string()
  .refine((template) => countOccurrences(template, bodyPlaceholder) === 1, {
    message: `must contain ${bodyPlaceholder} exactly once`,
  })
  .refine((template) => countOccurrences(template, timestampPlaceholder) === 1, {
    message: `must contain ${timestampPlaceholder} exactly once`,
  })
  .refine(
    (template) =>
      !template.replace(bodyPlaceholder, '').replace(timestampPlaceholder, '').includes('${'),
    { message: `may hold no placeholder but ${bodyPlaceholder} and ${timestampPlaceholder}` },
  );

const genericHmacOptionsSchema = z.strictObject({
  signatureHeaderName: headerNameSchema,
  algorithm: z.enum(hmacAlgorithms).default(genericHmacDefaults.algorithm),
  encoding: z.enum(['hex', 'base64']).default(genericHmacDefaults.encoding),
  signaturePrefix: z.string().max(64).default(genericHmacDefaults.signaturePrefix),
  deliveryIdHeaderName: headerNameSchema.optional(),
  timestamp: z
    .strictObject({
      headerName: headerNameSchema,
      signedContentTemplate: signedContentTemplateSchema.default(
        genericHmacDefaults.signedContentTemplate,
      ),
      toleranceSeconds: toleranceSecondsSchema.default(genericHmacDefaults.toleranceSeconds),
    })
    .optional(),
});

/** {@link GenericHmacOptions} validated, with defaults filled, frozen. */
export type ResolvedGenericHmacOptions = Readonly<z.output<typeof genericHmacOptionsSchema>>;

/** Validates generic HMAC options; throws `VerifierError` `invalid_options`. */
export function resolveGenericHmacOptions(options: GenericHmacOptions): ResolvedGenericHmacOptions {
  return resolveOptions(genericHmacOptionsSchema, options, 'generic-hmac');
}
