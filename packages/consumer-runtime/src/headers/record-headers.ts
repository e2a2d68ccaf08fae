import type { IHeaders } from 'kafkajs';

/**
 * The value of header `name` as text, or undefined when absent. kafkajs hands a header that
 * appears several times as an array; the last one is taken, as it is the one written last.
 */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

/** Header `name` as a non-negative safe integer, or undefined when absent or not one. */
export function headerInteger(headers: IHeaders | undefined, name: string): number | undefined {
  const text = headerText(headers, name);
  if (text === undefined || !/^[0-9]{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Every header as text, one value per name (the last of repeated ones). */
export function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = headerText(headers, name);
    if (value !== undefined) result[name] = value;
  }
  return result;
}
