import { MIMEType } from 'node:util';
import { IngressError } from '../errors/ingress-error.ts';

/** Charset names taken as UTF-8; `utf8` is not an IANA name but many clients send it. */
const utf8Charsets = new Set(['utf-8', 'utf8']);

/**
 * Checks a request's `Content-Type` against the media types a source accepts and returns the
 * media type's essence (`type/subtype`, lower-cased). Matching ignores case and parameters
 * other than `charset`, which, when present, must name UTF-8: providers sign the bytes they
 * send, so the ingress cannot transcode, and consumers read the body as UTF-8.
 * Throws {@link IngressError} `missing_content_type`, `unsupported_media_type` (also for a
 * value that does not parse) or `unsupported_charset`.
 */
export function checkContentType(
  header: string | undefined,
  accepted: ReadonlySet<string>,
): string {
  if (header === undefined || header.trim() === '') {
    throw new IngressError('missing_content_type');
  }

  let mime: MIMEType;
  try {
    mime = new MIMEType(header);
  } catch (error: unknown) {
    throw new IngressError('unsupported_media_type', undefined, {
      cause: error,
      reason: 'Content-Type does not parse',
    });
  }
  if (!accepted.has(mime.essence)) {
    throw new IngressError('unsupported_media_type', undefined, { reason: mime.essence });
  }

  const charset = mime.params.get('charset')?.toLowerCase();
  if (charset !== undefined && !utf8Charsets.has(charset)) {
    throw new IngressError('unsupported_charset', undefined, { reason: charset });
  }
  return mime.essence;
}
