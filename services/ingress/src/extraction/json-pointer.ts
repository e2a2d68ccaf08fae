/**
 * JSON Pointer (RFC 6901): `""` is the whole document, `/a/b` walks into member `a`, then `b`;
 * `~1` stands for `/` and `~0` for `~` inside a token. Array elements are addressed by decimal
 * index without leading zeros (`/items/0`); `-` (past the end) never resolves.
 */

/** A pointer split into unescaped reference tokens; `[]` is the whole document. */
export type JsonPointer = readonly string[];

const tokenEscape = /~(?![01])/;
const arrayIndex = /^(0|[1-9][0-9]*)$/;

/** Parses pointer text; returns `undefined` when it is not a valid RFC 6901 pointer. */
export function parseJsonPointer(text: string): JsonPointer | undefined {
  if (text === '') return [];
  if (!text.startsWith('/')) return undefined;

  const tokens = text.slice(1).split('/');
  if (tokens.some((token) => tokenEscape.test(token))) return undefined;
  // ~1 first: "~01" must become "~1", not "/".
  return tokens.map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value `pointer` refers to in `document`, or `undefined` when nothing is there. */
export function resolveJsonPointer(document: unknown, pointer: JsonPointer): unknown {
  let current: unknown = document;
  for (const token of pointer) {
    if (Array.isArray(current)) {
      if (!arrayIndex.test(token)) return undefined;
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}
