import { CliError } from '../errors/cli-error.ts';
import type { Delivery } from './build-delivery.ts';

/** What the ingress answered to one POST. */
export interface IngressAnswer {
  /** HTTP status code. */
  readonly status: number;
  /** `Retry-After` when sent (429 and 503 answers). */
  readonly retryAfter?: string;
  /** The answer body as text (a small JSON document from the ingress). */
  readonly body: string;
}

/**
 * POSTs one delivery and reads the whole answer. Redirects are not followed (the ingress sends
 * none; following one would re-send the body elsewhere). Throws `CliError`
 * `ingress_unreachable` naming the URL when the connection is refused, the host does not
 * resolve, or no answer comes within `timeoutMs`.
 */
export async function postDelivery(
  url: string,
  delivery: Delivery,
  timeoutMs: number,
): Promise<IngressAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error: unknown) {
    throw new CliError('ingress_unreachable', unreachableMessage(url, error, timeoutMs), {
      cause: error,
    });
  }

  const body = await response.text();
  const retryAfter = response.headers.get('retry-after') ?? undefined;
  return retryAfter === undefined
    ? { status: response.status, body }
    : { status: response.status, retryAfter, body };
}

// fetch rejects with a TypeError whose cause holds the socket error's code (undici's behaviour),
// or with a DOMException named TimeoutError when the abort signal fires.
function unreachableMessage(url: string, error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer from ${url} within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (code === 'ECONNREFUSED') {
    return `cannot reach the ingress at ${url}: connection refused (is it running?)`;
  }
  return `cannot reach the ingress at ${url}: ${failureDetail(error)}`;
}

// The socket error's code (ENOTFOUND, ECONNRESET) where there is one, else the most specific text.
function failureDetail(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
