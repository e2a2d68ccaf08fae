import { type JsonPointer, parseJsonPointer, resolveJsonPointer } from './json-pointer.ts';

/**
 * Where a source finds one event field, as configuration writes it: a request header
 * (`{ "header": "x-github-event" }`), a JSON pointer into the parsed body
 * (`{ "pointer": "/type" }`), or a fixed value (`{ "value": "push" }`).
 */
export type FieldLocator =
  | { readonly header: string }
  | { readonly pointer: string }
  | { readonly value: string };

/** A {@link FieldLocator} checked and prepared once at start. */
export type ResolvedLocator =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'pointer'; readonly text: string; readonly pointer: JsonPointer }
  | { readonly kind: 'value'; readonly value: string };

/** What a locator reads: request headers by lower-cased name, and the parsed body. */
export interface LocatorInput {
  /** Every value of each header, names lower-cased (Node's `headersDistinct`). */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** The parsed body (JSON value or form fields); `undefined` for bodies not parsed. */
  readonly document: unknown;
}

/**
 * Prepares a locator: header names are lower-cased, pointers parsed. Returns a message
 * instead when the pointer is not valid RFC 6901 (configuration validation reports it).
 */
export function resolveLocator(locator: FieldLocator): ResolvedLocator | string {
  if ('header' in locator) return { kind: 'header', name: locator.header.toLowerCase() };
  if ('value' in locator) return { kind: 'value', value: locator.value };

  const pointer = parseJsonPointer(locator.pointer);
  if (pointer === undefined) {
    return `${JSON.stringify(locator.pointer)} is not a JSON pointer ("" or "/a/b", ~0 and ~1 escapes)`;
  }
  return { kind: 'pointer', text: locator.pointer, pointer };
}

/**
 * The first value the locators find, tried in order, as text; `undefined` when none finds
 * one. A header counts only when sent exactly once; body values count when they are
 * non-empty strings or finite numbers (Shopify ids are numbers). Empty text counts as absent.
 */
export function locateField(
  locators: readonly ResolvedLocator[],
  input: LocatorInput,
): string | undefined {
  for (const locator of locators) {
    const found = readLocator(locator, input);
    if (found !== undefined && found !== '') return found;
  }
  return undefined;
}

function readLocator(locator: ResolvedLocator, input: LocatorInput): string | undefined {
  switch (locator.kind) {
    case 'value':
      return locator.value;
    case 'header': {
      const values = input.headers[locator.name];
      return values?.length === 1 ? values[0]?.trim() : undefined;
    }
    case 'pointer': {
      const value = resolveJsonPointer(input.document, locator.pointer);
      if (typeof value === 'string') return value;
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    }
  }
}
