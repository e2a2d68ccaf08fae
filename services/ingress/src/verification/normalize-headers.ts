import type { RequestHeaders } from './verifier.ts';

/** Headers as some callers hold them: any casing, or a fetch-style `Headers` object. */
export type LooseHeaders =
  | Readonly<Record<string, string | readonly string[] | number | undefined>>
  | Iterable<readonly [string, string]>;

/**
 * Lower-cases header names so verifiers can look them up directly. Node's `IncomingMessage`
 * already does this; other sources (serverless events, hand-built test requests) may not.
 * Names that collide after lower-casing keep all their values as a list, which a verifier then
 * refuses as ambiguous rather than picking one. Numbers become strings; `undefined` is dropped.
 */
export function normalizeHeaders(headers: LooseHeaders): RequestHeaders {
  const collected = new Map<string, string[]>();
  for (const [name, value] of headerEntries(headers)) {
    if (value === undefined) {
      continue;
    }
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    const key = name.toLowerCase();
    collected.set(key, [...(collected.get(key) ?? []), ...values]);
  }

  const normalized: Record<string, string | readonly string[]> = {};
  for (const [name, values] of collected) {
    normalized[name] = values.length === 1 ? (values[0] as string) : Object.freeze(values);
  }
  return Object.freeze(normalized);
}

function headerEntries(headers: LooseHeaders): Iterable<readonly [string, unknown]> {
  if (Symbol.iterator in headers) {
    return headers as Iterable<readonly [string, string]>;
  }
  return Object.entries(headers);
}
