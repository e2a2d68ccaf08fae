import type { Response } from 'express';
import type { HandshakeName } from '../config/source-config.ts';

/**
 * Answers a provider handshake instead of publishing it, and says whether it did. Slack's
 * Events API sends `{"type":"url_verification","challenge":"..."}` (signed like any event)
 * when an endpoint is registered and expects the challenge back; it is not an event, so
 * nothing is published.
 */
export function answerHandshake(
  handshake: HandshakeName,
  document: unknown,
  response: Response,
): boolean {
  if (handshake !== 'slack-url-verification') return false;
  const { type, challenge } = (document ?? {}) as { type?: unknown; challenge?: unknown };
  if (type !== 'url_verification' || typeof challenge !== 'string') return false;

  response.status(200).json({ challenge });
  return true;
}
