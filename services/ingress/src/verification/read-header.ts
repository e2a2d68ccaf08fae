import type { VerificationFailure } from './verification-result.ts';
import { VerificationFailureReason, verificationFailure } from './verification-result.ts';
import type { RequestHeaders } from './verifier.ts';

/**
 * Longest header value a verifier parses. Node already caps all headers together at 16 KiB;
 * this keeps one signature header from making us split and decode kilobytes of junk.
 */
export const maxHeaderValueChars = 4096;

/** A header value, or why it could not be read. */
export type HeaderRead = { readonly ok: true; readonly value: string } | VerificationFailure;

/**
 * Reads one header by its lower-cased name. Absent (or an empty list) is `missing_header`; an
 * empty string, several values, a non-string, or a value past {@link maxHeaderValueChars} is
 * `malformed_header`, since a repeated signature header is ambiguous.
 */
export function readHeader(headers: RequestHeaders, name: string): HeaderRead {
  const raw = headers[name];
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    return verificationFailure(VerificationFailureReason.MissingHeader, name);
  }

  const value = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxHeaderValueChars) {
    return verificationFailure(VerificationFailureReason.MalformedHeader, name);
  }

  return { ok: true, value };
}

/**
 * Reads an informational header (a delivery id the MAC may not cover): anything unusable
 * yields `undefined` instead of failing the delivery.
 */
export function readOptionalHeader(headers: RequestHeaders, name: string): string | undefined {
  const read = readHeader(headers, name);
  return read.ok ? read.value : undefined;
}
