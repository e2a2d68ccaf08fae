import { IngressError } from '../errors/ingress-error.ts';

/** How a body is read for field extraction and validation, decided by its media type. */
export type BodyKind = 'json' | 'form' | 'text' | 'opaque';

/** `application/json` and `+json` types are JSON; form-encoded is form; `text/*` is text. */
export function bodyKindOf(mediaType: string): BodyKind {
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  return mediaType.startsWith('text/') ? 'text' : 'opaque';
}

/**
 * Validates a body and returns what JSON pointers read: the parsed JSON value, the form fields
 * as an object (the first value of a repeated field), the text, or `undefined` for opaque
 * bodies, which are passed on unchecked. Text kinds must be valid UTF-8. Throws
 * {@link IngressError} `invalid_utf8` or `malformed_json`.
 */
export function parseBodyDocument(body: Buffer, kind: BodyKind): unknown {
  if (kind === 'opaque') return undefined;

  const text = decodeUtf8(body);
  if (kind === 'text') return text;
  if (kind === 'form') return formFields(text);
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    throw new IngressError('malformed_json', undefined, {
      cause: error,
      reason: (error as Error).message,
    });
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch (error: unknown) {
    throw new IngressError('invalid_utf8', undefined, { cause: error });
  }
}

function formFields(text: string): Record<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (!fields.has(name)) fields.set(name, value);
  }
  // fromEntries defines own properties, so a field named __proto__ cannot reach the prototype.
  return Object.fromEntries(fields);
}
