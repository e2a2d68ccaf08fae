import { hmacDigest } from '../hmac-digest.ts';
import type { GenericHmacOptions } from '../schemes/generic-hmac-options.ts';
import { resolveGenericHmacOptions } from '../schemes/generic-hmac-options.ts';
import { compileSignedContent } from '../schemes/generic-hmac-signed-content.ts';
import type { SignedHeaders, SignRequest } from './sign-request.ts';
import { bodyBytes, unixSeconds } from './sign-request.ts';

/** Signs for a generic HMAC source as its options describe (header, algorithm, encoding, ...). */
export function signGenericHmac(request: SignRequest, options: GenericHmacOptions): SignedHeaders {
  const resolved = resolveGenericHmacOptions(options);
  const key = Buffer.from(request.secret, 'utf8');
  const body = bodyBytes(request.body);
  const timestamp = unixSeconds(request.nowMs);
  const signedParts =
    resolved.timestamp === undefined
      ? [body]
      : compileSignedContent(resolved.timestamp.signedContentTemplate)(timestamp, body);
  const digest = hmacDigest(resolved.algorithm, key, signedParts);

  const headers: Record<string, string> = {
    [resolved.signatureHeaderName]: `${resolved.signaturePrefix}${digest.toString(resolved.encoding)}`,
  };
  if (resolved.timestamp !== undefined) {
    headers[resolved.timestamp.headerName] = timestamp;
  }
  if (resolved.deliveryIdHeaderName !== undefined && request.deliveryId !== undefined) {
    headers[resolved.deliveryIdHeaderName] = request.deliveryId;
  }
  return Object.freeze(headers);
}
