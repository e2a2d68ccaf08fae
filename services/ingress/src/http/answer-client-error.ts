import type { Socket } from 'node:net';
import { IngressError } from '../errors/ingress-error.ts';

/**
 * Answers a request Node's HTTP parser refused before the app saw it (a `Content-Length` that
 * is not a number, a header with forbidden bytes, a broken request line) with a 400 in the
 * ingress's usual error body, `{"error":{"code":"malformed_request",...}}`, instead of Node's
 * default empty 400, then closes the connection. A socket no longer writable is destroyed.
 * For the http server's `clientError` event.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const refused = new IngressError('malformed_request');
  const body = JSON.stringify({ error: { code: refused.code, message: refused.publicMessage } });
  socket.end(
    [
      `HTTP/1.1 ${refused.status} Bad Request`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
