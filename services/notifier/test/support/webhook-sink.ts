// A real local HTTP server standing in for a Slack-compatible incoming webhook: it records
// every request and answers what the test scripted, per event id (the idempotency-key).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sink received, and what it answered. */
export interface SinkRequest {
  readonly eventId: string;
  readonly text: string;
  readonly atMs: number;
  readonly status: number;
}

/** An answer: a status and optional headers. */
export interface SinkAnswer {
  status: number;
  headers?: Record<string, string>;
}

/** Chooses the answer for a request; `seen` counts earlier requests for the same event id. */
export type SinkScript = (eventId: string, seen: number) => SinkAnswer;

/** A running sink. */
export interface WebhookSink {
  readonly url: string;
  readonly requests: SinkRequest[];
  /** Requests for `eventId` the sink answered with 2xx. */
  delivered(eventId: string): SinkRequest[];
  /** Requests for `eventId`, whatever the answer. */
  requestsFor(eventId: string): SinkRequest[];
  /** Replaces the script (e.g. the endpoint comes back). */
  answer(script: SinkScript): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a sink on a free local port. */
export async function startWebhookSink(script: SinkScript): Promise<WebhookSink> {
  let current = script;
  const requests: SinkRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const eventId = String(request.headers['idempotency-key'] ?? '');
    const seen = requests.filter((r) => r.eventId === eventId).length;
    const { status, headers = {} } = current(eventId, seen);
    const text = (() => {
      try {
        return String((JSON.parse(body) as { text?: unknown }).text ?? '');
      } catch {
        return '';
      }
    })();
    requests.push({ eventId, text, atMs: Date.now(), status });
    response.writeHead(status, { 'content-type': 'text/plain', ...headers });
    response.end(status < 300 ? 'ok' : 'no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks/test`,
    requests,
    delivered: (eventId) => requests.filter((r) => r.eventId === eventId && r.status < 300),
    requestsFor: (eventId) => requests.filter((r) => r.eventId === eventId),
    answer: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
