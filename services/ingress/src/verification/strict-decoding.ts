const hexPattern = /^[0-9a-fA-F]+$/;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/** Text encodings a signature can be sent in. */
export type SignatureEncoding = 'hex' | 'base64';

/**
 * Decodes hex, refusing what `Buffer.from(_, 'hex')` would silently truncate: odd lengths and
 * non-hex characters. Either letter case is accepted; the bytes are what gets compared.
 */
export function decodeHexStrict(text: string): Buffer | undefined {
  if (text.length % 2 !== 0 || !hexPattern.test(text)) {
    return undefined;
  }
  return Buffer.from(text, 'hex');
}

/**
 * Decodes padded standard base64 (RFC 4648 section 4), refusing what Node's lenient decoder
 * would skip over: stray characters, missing padding, and non-canonical trailing bits.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !base64Pattern.test(text)) {
    return undefined;
  }
  const bytes = Buffer.from(text, 'base64');
  // Re-encoding catches non-zero padding bits, which would let two texts name the same bytes.
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Decodes a signature in the given encoding, or `undefined` when it is not valid. */
export function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | undefined {
  return encoding === 'hex' ? decodeHexStrict(text) : decodeBase64Strict(text);
}
