import { z } from 'zod';
import { type GzipPolicy, gzipPolicies } from '../body/content-encoding.ts';
import type { FieldLocator } from '../extraction/field-locator.ts';
import type { VerifierConfig } from '../verification/create-verifier.ts';
import { schemeNames } from '../verification/scheme-names.ts';

/** Provider handshakes the ingress answers itself, without publishing. */
export const handshakeNames = ['none', 'slack-url-verification'] as const;

/** One of {@link handshakeNames}. */
export type HandshakeName = (typeof handshakeNames)[number];

/** A token bucket: `perSecond` tokens are added each second, up to `burst`. */
export interface RateLimitConfig {
  /** Sustained deliveries per second. */
  readonly perSecond: number;
  /** Deliveries accepted at once after a quiet spell (the bucket's size). */
  readonly burst: number;
}

/** The topic a source publishes to: `webhooks.<source>.v<major>`, prefixed. */
export interface SourceTopicConfig {
  /** Source segment of the topic name; default the source's own name. */
  readonly source?: string;
  /** Envelope major version; default 1, the only one with schemas today. */
  readonly major?: number;
}

/** One webhook source, served at `POST /webhooks/<name>`. */
export interface SourceConfig {
  /** Verification scheme and its options (header names, `toleranceSeconds`); required. */
  readonly verification: VerifierConfig;
  /** Environment variable holding the secrets, comma-separated for rotation; default `TRIBUTARY_SECRET_<NAME>`. */
  readonly secretsEnv?: string;
  /** Where the provider's event id is, tried in order; default none: derived from source and body digest. */
  readonly eventId?: readonly FieldLocator[];
  /** Where the event type is, tried in order; required, nothing found is a 400. */
  readonly eventType: readonly FieldLocator[];
  /** Where the partition key is, tried in order; default none: the event id. */
  readonly partitionKey?: readonly FieldLocator[];
  /** Largest body, in bytes, as received and after decoding; default the catalog's `ingressMaxBodyBytes` (1 MiB). */
  readonly maxBodyBytes?: number;
  /** Media types accepted (`type/subtype`, any case); default `['application/json']`. */
  readonly contentTypes?: readonly string[];
  /** What `Content-Encoding: gzip` does (see `gzipPolicies`); default `refuse`. */
  readonly gzip?: GzipPolicy;
  /** Rate limit; `null` means none; default 50/s with bursts of 100. */
  readonly rateLimit?: RateLimitConfig | null;
  /** Request headers copied into the envelope (names, any case); default none. Secret-bearing names are refused. */
  readonly headers?: readonly string[];
  /** Provider handshake answered without publishing; default `none`. */
  readonly handshake?: HandshakeName;
  /** Target topic; default `{ source: <name>, major: 1 }`. */
  readonly topic?: SourceTopicConfig;
}

/** Defaults of {@link SourceConfig}; `maxBodyBytes` gives way to the catalog's when one is loaded. */
export const sourceDefaults = Object.freeze({
  maxBodyBytes: 1_048_576,
  contentTypes: Object.freeze(['application/json']),
  gzip: 'refuse' as GzipPolicy,
  rateLimit: Object.freeze({ perSecond: 50, burst: 100 }),
  handshake: 'none' as HandshakeName,
  major: 1,
});

/** Largest body limit a source may configure (64 MiB); Kafka records are not for files. */
export const maxConfigurableBodyBytes = 64 * 1024 * 1024;

/** Source names: lower case, usable in a URL path, an environment variable and a topic name. */
export const sourceNamePattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

// Names providers and proxies put credentials in; such headers never enter an envelope.
const secretBearingHeader = /signature|hmac|secret|token|authorization|cookie|api-key/i;

const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name')
  .transform((name) => name.toLowerCase());

const locatorSchema = z.union([
  z.strictObject({ header: headerName }),
  z.strictObject({ pointer: z.string() }),
  z.strictObject({ value: z.string().min(1) }),
]);

const mediaType = z
  .string()
  .regex(/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/, 'must be a type/subtype media type')
  .transform((type) => type.toLowerCase());

/** Validates one source; the verification options are checked by `createVerifier` afterwards. */
export const sourceConfigSchema = z.strictObject({
  // Only the scheme is checked here; `createVerifier` validates the scheme's own options.
  verification: z.custom<VerifierConfig>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      (schemeNames as readonly unknown[]).includes((value as { scheme?: unknown }).scheme),
    { message: `needs a scheme, one of ${schemeNames.join(', ')}` },
  ),
  secretsEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an upper-case environment variable name')
    .optional(),
  eventId: z.array(locatorSchema).readonly().default([]),
  eventType: z.array(locatorSchema).min(1, 'needs at least one locator').readonly(),
  partitionKey: z.array(locatorSchema).readonly().default([]),
  maxBodyBytes: z.number().int().min(1).max(maxConfigurableBodyBytes).optional(),
  contentTypes: z
    .array(mediaType)
    .min(1)
    .readonly()
    .default([...sourceDefaults.contentTypes]),
  gzip: z.enum(gzipPolicies).default(sourceDefaults.gzip),
  rateLimit: z
    .strictObject({ perSecond: z.number().positive(), burst: z.number().int().min(1) })
    .nullable()
    .default({ ...sourceDefaults.rateLimit }),
  headers: z
    .array(
      headerName.refine((name) => !secretBearingHeader.test(name), {
        message: 'may carry a credential and cannot be copied into the envelope',
      }),
    )
    .readonly()
    .default([]),
  handshake: z.enum(handshakeNames).default(sourceDefaults.handshake),
  topic: z
    .strictObject({
      source: z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/)
        .optional(),
      major: z
        .number()
        .refine((major) => major === 1, 'only envelope major 1 has schemas')
        .optional(),
    })
    .default({}),
});

/** A source as {@link sourceConfigSchema} outputs it. */
export type ParsedSourceConfig = z.output<typeof sourceConfigSchema>;
