/** A `<label><separator><value>` pair, such as `sha256=ab12` or `v1,Zm9v`. */
export interface VersionedValue {
  readonly label: string;
  readonly value: string;
}

/**
 * Splits at the first `separator`. `undefined` when the separator is missing or nothing
 * precedes it; the value may be empty (the caller's decoder refuses that).
 */
export function splitVersioned(text: string, separator: string): VersionedValue | undefined {
  const at = text.indexOf(separator);
  if (at <= 0) {
    return undefined;
  }
  return { label: text.slice(0, at), value: text.slice(at + separator.length) };
}
