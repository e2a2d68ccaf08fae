import { STATUS_CODES } from 'node:http';
import type { IngressAnswer } from './post-delivery.ts';

/** Which answers a run expects: accepted (2xx), or refused for the signature (401). */
export type ExpectedAnswer = 'accepted' | 'unauthenticated';

/** Whether `status` is what a run expecting `expected` should get. */
export function isExpectedStatus(status: number, expected: ExpectedAnswer): boolean {
  return expected === 'accepted' ? status >= 200 && status < 300 : status === 401;
}

/** The expected class in words, for the summary line: `2xx` or `401`. */
export function expectedLabel(expected: ExpectedAnswer): string {
  return expected === 'accepted' ? '2xx' : '401';
}

/**
 * One line for one POST: `<n>/<total> <status> <reason phrase>`, then what the body says —
 * the event and trace ids of a 202 (`{"eventId","traceId"}`), or the error code of a 4xx/5xx
 * (`{"error":{"code"}}`) as `reason=` — then `retry-after=` when sent, and a note when the
 * status is not the expected class.
 */
export function describeAnswer(
  answer: IngressAnswer,
  position: { readonly index: number; readonly total: number },
  expected: ExpectedAnswer,
): string {
  const parts = [
    `${position.index}/${position.total}`,
    String(answer.status),
    STATUS_CODES[answer.status] ?? 'Unknown',
    ...bodyFields(answer),
  ];
  if (answer.retryAfter !== undefined) parts.push(`retry-after=${answer.retryAfter}`);
  if (!isExpectedStatus(answer.status, expected)) {
    parts.push(`(expected ${expectedLabel(expected)})`);
  }
  return parts.join(' ');
}

function bodyFields(answer: IngressAnswer): string[] {
  const document = parseObject(answer.body);
  if (document === undefined) return [];

  if (answer.status >= 200 && answer.status < 300) {
    return [field('event', document.eventId), field('trace', document.traceId)].filter(isText);
  }
  const error = document.error;
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return [field('reason', code)].filter(isText);
}

function field(name: string, value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? `${name}=${value}` : undefined;
}

function isText(value: string | undefined): value is string {
  return value !== undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
