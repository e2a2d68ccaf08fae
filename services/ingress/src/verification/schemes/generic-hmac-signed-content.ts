import { bodyPlaceholder, timestampPlaceholder } from './generic-hmac-options.ts';

/** Builds the signed parts around the raw body for one timestamp. */
export type SignedContentBuilder = (
  timestamp: string,
  rawBody: Uint8Array,
) => readonly (string | Uint8Array)[];

/**
 * Compiles a validated template once: the text around `${body}` is kept as strings and the
 * body stays raw bytes, so a non-UTF-8 body is signed exactly as received.
 */
export function compileSignedContent(template: string): SignedContentBuilder {
  const [before = '', after = ''] = template.split(bodyPlaceholder);
  // split/join rather than replace(): a replacement string gives `$` special meanings.
  const fill = (text: string, timestamp: string) =>
    text.split(timestampPlaceholder).join(timestamp);
  return (timestamp, rawBody) => [fill(before, timestamp), rawBody, fill(after, timestamp)];
}
