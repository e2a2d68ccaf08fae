import { request } from 'node:http';

/** What {@link rawPost} got back. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly json: { error?: { code: string } } & Record<string, unknown>;
  /** Body bytes written before the answer came (or all of them). */
  readonly bytesWritten: number;
}

/**
 * POSTs with node:http, which sends header names with the casing given (fetch lower-cases
 * them) and repeated headers as separate lines, and streams the body as chunks without a
 * Content-Length unless one is given. Stops writing as soon as an answer arrives, as a client
 * would when the server refuses an upload early; write errors after the answer are expected.
 */
export function rawPost(
  url: string,
  path: string,
  headers: Record<string, string | string[]>,
  chunks: Iterable<Buffer>,
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let bytesWritten = 0;
    const req = request(`${url}${path}`, { method: 'POST', timeout: timeoutMs }, (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(parts).toString();
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          json: text === '' ? {} : JSON.parse(text),
          bytesWritten,
        });
      });
    });
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));

    const iterator = chunks[Symbol.iterator]();
    const writeNext = (): void => {
      if (answered || req.destroyed) return;
      const next = iterator.next();
      if (next.done) {
        req.end();
        return;
      }
      bytesWritten += next.value.length;
      if (req.write(next.value)) setImmediate(writeNext);
      else req.once('drain', writeNext);
    };
    writeNext();
  });
}
