import type { Request, Response } from 'express';
import type { IngressError } from '../errors/ingress-error.ts';

/**
 * Answers with an error body `{"error":{"code","message"}}`: the code from the closed set and
 * its public message, nothing more (a 401 never says which check failed), with `Retry-After`
 * when given (429 and 503). When the request body was not read to its end the connection is
 * closed after the answer, so Node does not read (and a client does not go on sending) an
 * upload nobody wants.
 */
export function sendError(
  request: Request,
  response: Response,
  error: IngressError,
  retryAfterSeconds?: number,
): void {
  if (response.headersSent) return;
  if (retryAfterSeconds !== undefined) response.set('retry-after', String(retryAfterSeconds));
  if (!request.complete) response.set('connection', 'close');
  response.status(error.status).json({ error: { code: error.code, message: error.publicMessage } });
}
