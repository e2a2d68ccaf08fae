import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@tributary/logger';

/** One message the sink received. */
export interface ChatMessage {
  /** The `idempotency-key` header, the event id by the notifier's contract; '' when absent. */
  readonly idempotencyKey: string;
  /** The `text` field of the JSON body; '' when absent. */
  readonly text: string;
  /** The whole parsed body. */
  readonly body: unknown;
  /** Epoch milliseconds of arrival. */
  readonly receivedAtMs: number;
}

/** Options of {@link createChatSink}. */
export interface ChatSinkOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Address to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** Logs one line per message at info; absent logs nothing. */
  readonly logger?: Logger;
  /** Status answered to POST /messages; default 200. A test sets 400 or 503 to make failures. */
  readonly answerStatus?: (message: ChatMessage) => number;
}

/** A running sink. */
export interface ChatSink {
  /** Base URL, `http://host:port`; the notifier posts to `<url>/messages`. */
  readonly url: string;
  /** Every message so far, in arrival order. */
  readonly messages: readonly ChatMessage[];
  /** How many messages carried each idempotency key. */
  countsByKey(): ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** Largest body accepted, in bytes: chat messages are short. */
const maxBodyBytes = 256 * 1024;

/**
 * A stand-in for a Slack-compatible incoming webhook, for development and tests: POST
 * /messages stores and (with a logger) logs `{"text":...}`; GET /messages lists what arrived
 * (`?key=<idempotency key>` filters); GET /healthz answers 200. Nothing is persisted.
 */
export async function createChatSink(options: ChatSinkOptions): Promise<ChatSink> {
  const messages: ChatMessage[] = [];
  const server = createServer((request, response) => {
    void route(request, options, messages).then(({ status, body }) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await listen(server, options.port, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;

  return {
    url: `http://${address.address}:${address.port}`,
    messages,
    countsByKey: () => {
      const counts = new Map<string, number>();
      for (const { idempotencyKey } of messages) {
        counts.set(idempotencyKey, (counts.get(idempotencyKey) ?? 0) + 1);
      }
      return counts;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function route(
  request: IncomingMessage,
  options: ChatSinkOptions,
  messages: ChatMessage[],
): Promise<{ status: number; body: unknown }> {
  const url = new URL(request.url ?? '/', 'http://sink');
  if (request.method === 'GET' && url.pathname === '/healthz')
    return { status: 200, body: { ok: true } };
  if (request.method === 'GET' && url.pathname === '/messages') {
    const key = url.searchParams.get('key');
    return { status: 200, body: messages.filter((m) => key === null || m.idempotencyKey === key) };
  }
  if (request.method !== 'POST' || url.pathname !== '/messages') {
    return { status: 404, body: { error: 'not_found' } };
  }

  const parsed = await readJson(request);
  if (parsed === undefined) return { status: 400, body: { error: 'invalid_json' } };
  const text = (parsed as { text?: unknown }).text;
  const message: ChatMessage = {
    idempotencyKey: String(request.headers['idempotency-key'] ?? ''),
    text: typeof text === 'string' ? text : '',
    body: parsed,
    receivedAtMs: Date.now(),
  };
  const status = options.answerStatus?.(message) ?? 200;
  if (status >= 200 && status < 300) messages.push(message);
  options.logger?.info(
    { status, idempotencyKey: message.idempotencyKey, text: message.text },
    'chat message received',
  );
  return { status, body: { ok: status < 300 } };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
