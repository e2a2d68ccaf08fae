import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VerificationResult, VerifierConfig } from '@tributary/ingress';
import { createVerifier } from '@tributary/ingress';

/** One request the fake ingress received, and what its verifier said about it. */
export interface ReceivedDelivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly verification: VerificationResult;
}

/** A stand-in for the ingress that verifies with the ingress's own verifier and answers like it. */
export interface FakeIngress {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly received: ReceivedDelivery[];
  /** Stops listening; safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link startFakeIngress}. */
export interface FakeIngressOptions {
  /** The scheme and options deliveries are verified with. */
  readonly verification: VerifierConfig;
  /** The one secret of the rotation set. */
  readonly secret: string;
  /** Answer every request with this status instead of verifying (e.g. 202 to a bad signature). */
  readonly forcedStatus?: number;
}

/**
 * Listens on 127.0.0.1, port 0 (the OS picks a free one). A delivery that verifies gets 202
 * with `{"eventId","traceId"}` (the event id is the delivery id, else `evt-<n>`); one that does
 * not gets 401 with `{"error":{"code":"unauthenticated"}}`, as the ingress answers.
 */
export async function startFakeIngress(options: FakeIngressOptions): Promise<FakeIngress> {
  const verifier = createVerifier(options.verification);
  const received: ReceivedDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const verification = verifier.verify({
        rawBody: body,
        headers: request.headers,
        secrets: [{ label: '0', value: options.secret }],
        nowMs: Date.now(),
      });
      received.push({ path: request.url ?? '', headers: request.headers, body, verification });

      const status = options.forcedStatus ?? (verification.ok ? 202 : 401);
      const answer =
        status === 202
          ? { eventId: verificationId(verification, received.length), traceId: 'trace-1' }
          : {
              error: { code: 'unauthenticated', message: 'the request could not be authenticated' },
            };
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      // Idempotent: a test may close it early to get a refused connection.
      if (!server.listening) return Promise.resolve();
      return new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

function verificationId(verification: VerificationResult, count: number): string {
  return verification.ok && verification.deliveryId !== undefined
    ? verification.deliveryId
    : `evt-${count}`;
}
