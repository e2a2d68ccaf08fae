import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { IngressError } from '../errors/ingress-error.ts';

// Shortcoming: under verify-encoded the envelope holds the inflated body, so a consumer cannot re-check the signature.
/**
 * What a source does with `Content-Encoding: gzip`: refuse it (415), or accept it with the
 * signature computed over the decoded bytes (`verify-decoded`) or over the compressed bytes
 * as they arrived (`verify-encoded`). Either way the envelope carries the decoded body.
 */
export const gzipPolicies = ['refuse', 'verify-decoded', 'verify-encoded'] as const;

/** One of {@link gzipPolicies}. */
export type GzipPolicy = (typeof gzipPolicies)[number];

/** The encoding a body arrived in, once the header is understood. */
export type BodyEncoding = 'identity' | 'gzip';

/**
 * Reads `Content-Encoding`. Absent, empty or `identity` is `identity`; `gzip` (or its alias
 * `x-gzip`, RFC 9110 section 8.4.1.3) is `gzip` unless the source refuses it. Anything else,
 * a chain of codings included, is a 415 `unsupported_content_encoding`.
 */
export function checkContentEncoding(header: string | undefined, policy: GzipPolicy): BodyEncoding {
  const codings = (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');

  if (codings.length === 0) return 'identity';
  const [only] = codings;
  if (codings.length === 1 && (only === 'gzip' || only === 'x-gzip') && policy !== 'refuse') {
    return 'gzip';
  }
  throw new IngressError('unsupported_content_encoding', undefined, { reason: codings.join(',') });
}

const gunzipAsync = promisify(gunzip);

/**
 * Inflates a gzip body, stopping as soon as the output passes `maxBytes`, so a small body that
 * inflates to gigabytes costs at most `maxBytes` of memory. Throws {@link IngressError}
 * `inflated_body_too_large`, or `malformed_gzip` for data that is not (complete) gzip.
 */
export async function inflateGzip(body: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new IngressError('inflated_body_too_large', undefined, { cause: error });
    }
    throw new IngressError('malformed_gzip', undefined, {
      cause: error,
      reason: (error as Error).message,
    });
  }
}
