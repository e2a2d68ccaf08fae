import type { IncomingMessage } from 'node:http';
import { IngressError } from '../errors/ingress-error.ts';

/**
 * Reads a request body of at most `maxBytes`. A `Content-Length` above the limit is refused
 * before a byte is read; otherwise bytes are counted as they stream in and reading stops at
 * the first chunk past the limit, so an oversized body is never buffered whole (chunked
 * uploads and lying lengths included). After a refusal the request is left paused: the caller
 * answers with `Connection: close` so Node does not drain the rest of the upload.
 * Throws {@link IngressError} `body_too_large`, or `request_aborted` when the client goes away.
 */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    throw new IngressError('body_too_large', undefined, { reason: `Content-Length ${declared}` });
  }

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (error?: IngressError) => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error !== undefined) {
        request.pause();
        reject(error);
      }
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        stop(new IngressError('body_too_large', undefined, { reason: `over ${maxBytes} bytes` }));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error) =>
      stop(new IngressError('request_aborted', undefined, { cause: error }));
    // 'close' before 'end' means the client went away mid-body.
    const onClose = () => {
      if (!request.complete) stop(new IngressError('request_aborted'));
    };
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
