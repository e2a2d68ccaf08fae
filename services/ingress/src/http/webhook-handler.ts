import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  type Attributes,
  type Counter,
  context,
  isSpanContextValid,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { WebhookEnvelope } from '@tributary/contract';
import { kafkaHeaderNames } from '@tributary/contract';
import type { Logger } from '@tributary/logger';
import type { Request, Response } from 'express';
import { checkContentType } from '../body/check-content-type.ts';
import { type BodyEncoding, checkContentEncoding, inflateGzip } from '../body/content-encoding.ts';
import { readRequestBody } from '../body/read-request-body.ts';
import type { ResolvedSource } from '../config/resolve-ingress-config.ts';
import { buildEnvelope } from '../envelope/build-envelope.ts';
import { IngressError, type IngressErrorCode, isIngressError } from '../errors/ingress-error.ts';
import { extractEventFields } from '../extraction/extract-event-fields.ts';
import { bodyKindOf, parseBodyDocument } from '../extraction/parse-body-document.ts';
import type { BatchingPublisher, PublishSlot } from '../publish/batching-publisher.ts';
import { spanAttributes, spanNames } from '../telemetry/span-names.ts';
import { webhookMetricAttributes } from '../telemetry/webhook-metric-attributes.ts';
import type { VerificationSuccess } from '../verification/verification-result.ts';
import { answerHandshake } from './answer-handshake.ts';
import { sendError } from './send-answer.ts';
import type { TokenBucket } from './token-bucket.ts';

/** What the webhook route needs; built once by `createIngressApp`. */
export interface WebhookHandlerDeps {
  readonly sources: ReadonlyMap<string, ResolvedSource>;
  readonly publisher: BatchingPublisher;
  /** Rate limits by source name; a source without one is not limited. */
  readonly rateLimits: ReadonlyMap<string, TokenBucket>;
  /** Encodes an envelope for a topic (the contract codec of that topic's subject). */
  readonly encode: (topic: string, envelope: WebhookEnvelope) => Buffer;
  /** Why webhooks cannot be taken now (`not_ready`, `shutting_down`), or undefined. */
  readonly unavailable: () => 'not_ready' | 'shutting_down' | undefined;
  /** `Retry-After` of 503 answers, in seconds. */
  readonly unavailableRetryAfterSeconds: number;
  /** `Retry-After` of 429 answers for saturation, in seconds. */
  readonly saturatedRetryAfterSeconds: number;
  readonly logger: Logger;
  /** The clock, epoch milliseconds (injected so tests can pin it). */
  readonly nowMs: () => number;
  /**
   * `tributary.webhooks.received`: one per answered webhook, by source, event type (when
   * known), outcome and HTTP status (see `webhookMetricAttributes`).
   */
  readonly webhooksReceived: Counter<Attributes>;
}

/** What the one log line of a webhook says, filled in as the request goes. */
interface WebhookOutcome {
  source: string;
  eventType?: string;
  eventId?: string;
  status?: number;
  outcome?: 'accepted' | 'handshake' | 'rejected' | 'failed' | 'aborted';
  code?: IngressErrorCode;
  reason?: string;
  secretLabel?: string;
  topic?: string;
  bodyBytes?: number;
}

const tracer = trace.getTracer('@tributary/ingress');

/**
 * The `POST /webhooks/:source` handler. Checks run cheapest first, in the order octokit's
 * middleware uses: source, availability, media type and encoding, declared size, a publish
 * slot; then the body is read (counting bytes), decoded, verified over the exact bytes the
 * scheme signs, rate-limited, parsed, answered as a handshake or wrapped and published. It
 * answers 202 with the event id and trace id only after the broker acknowledged the write.
 * Every request ends with one log line (info for 2xx and 4xx, error for 5xx) and one count
 * of `tributary.webhooks.received`.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps) {
  return async function handleWebhook(request: Request, response: Response): Promise<void> {
    const startedMs = performance.now();
    const outcome: WebhookOutcome = { source: String(request.params.source) };
    let slot: PublishSlot | undefined;
    let failure: IngressError | undefined;
    try {
      const source = admitSource(deps, outcome.source);
      outcome.topic = source.topic;
      const framing = checkFraming(source, request);
      slot = acquireSlot(deps);
      await processDelivery(deps, { request, response, source, framing, slot, outcome });
    } catch (error: unknown) {
      failure = toIngressError(error);
      recordFailure(outcome, failure);
      sendError(request, response, failure, retryAfterFor(deps, failure));
    } finally {
      slot?.release();
      outcome.status = response.statusCode;
      logOutcome(deps.logger, outcome, performance.now() - startedMs, failure);
      deps.webhooksReceived.add(
        1,
        webhookMetricAttributes({
          source: outcome.source,
          sourceKnown: deps.sources.has(outcome.source),
          eventType: outcome.eventType,
          // Every path out of the try sets it; 'failed' only guards a future one that would not.
          outcome: outcome.outcome ?? 'failed',
          status: outcome.status,
        }),
      );
    }
  };
}

/** How the body is framed, as the request headers say; checked before a byte is read. */
interface Framing {
  /** `Content-Type` as sent (the envelope keeps it whole). */
  readonly contentType: string;
  /** Its essence, `type/subtype`, lower-cased. */
  readonly mediaType: string;
  readonly encoding: BodyEncoding;
}

/** One delivery on its way through {@link processDelivery}. */
interface Delivery {
  readonly request: Request;
  readonly response: Response;
  readonly source: ResolvedSource;
  readonly framing: Framing;
  readonly slot: PublishSlot;
  readonly outcome: WebhookOutcome;
}

function admitSource(deps: WebhookHandlerDeps, name: string): ResolvedSource {
  const source = deps.sources.get(name);
  if (source === undefined) throw new IngressError('unknown_source');
  const unavailable = deps.unavailable();
  if (unavailable !== undefined) throw new IngressError(unavailable);
  // Sources without secrets stay routed but accept nothing; the body need not even be read.
  if (source.secrets.length === 0) {
    throw new IngressError('unauthenticated', undefined, { reason: 'no_secrets_configured' });
  }
  return source;
}

function checkFraming(source: ResolvedSource, request: Request): Framing {
  const contentType = request.headers['content-type'];
  const mediaType = checkContentType(contentType, source.contentTypes);
  const encoding = checkContentEncoding(request.headers['content-encoding'], source.gzip);
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > source.maxBodyBytes) {
    throw new IngressError('body_too_large', undefined, { reason: `Content-Length ${declared}` });
  }
  return { contentType: String(contentType), mediaType, encoding };
}

function acquireSlot(deps: WebhookHandlerDeps): PublishSlot {
  const slot = deps.publisher.tryAcquire();
  if (slot === undefined) throw new IngressError('saturated');
  return slot;
}

async function processDelivery(deps: WebhookHandlerDeps, delivery: Delivery): Promise<void> {
  const { request, response, source, framing, outcome } = delivery;
  const received = await readRequestBody(request, source.maxBodyBytes);
  const receivedAtMs = deps.nowMs();
  const body =
    framing.encoding === 'gzip' ? await inflateGzip(received, source.maxBodyBytes) : received;
  outcome.bodyBytes = body.length;

  const signedBytes = source.gzip === 'verify-encoded' ? received : body;
  const verification = verifyDelivery(deps, request, source, signedBytes);
  outcome.secretLabel = verification.secretLabel;
  takeRateToken(deps, source);

  const document = parseBodyDocument(body, bodyKindOf(framing.mediaType));
  if (answerHandshake(source.handshake, document, response)) {
    outcome.outcome = 'handshake';
    return;
  }

  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const headers = request.headersDistinct;
  const fields = extractEventFields(source.name, bodySha256, source.fields, { headers, document });
  outcome.eventId = fields.eventId;
  outcome.eventType = fields.eventType;

  const envelope = buildEnvelope({
    source: source.name,
    fields,
    verification,
    body,
    bodySha256,
    contentType: framing.contentType,
    receivedAtMs,
    headers,
    headerAllowList: source.headerAllowList,
    sourceIp: request.ip,
  });
  await publishEnvelope(deps, delivery.slot, source, envelope, fields.partitionKey);

  outcome.outcome = 'accepted';
  response.status(202).json({ eventId: fields.eventId, traceId: currentTraceId() });
}

function verifyDelivery(
  deps: WebhookHandlerDeps,
  request: Request,
  source: ResolvedSource,
  rawBody: Buffer,
): VerificationSuccess {
  return tracer.startActiveSpan(spanNames.verify, (span) => {
    span.setAttribute(spanAttributes.source, source.name);
    span.setAttribute(spanAttributes.scheme, source.verifier.scheme);
    try {
      const result = source.verifier.verify({
        rawBody,
        headers: request.headersDistinct,
        secrets: source.secrets,
        nowMs: deps.nowMs(),
      });
      if (!result.ok) {
        span.setAttribute(spanAttributes.failureReason, result.reason);
        span.setStatus({ code: SpanStatusCode.ERROR, message: result.reason });
        const header = result.header === undefined ? '' : ` (${result.header})`;
        throw new IngressError('unauthenticated', undefined, {
          reason: `${result.reason}${header}`,
        });
      }
      span.setAttribute(spanAttributes.secretLabel, result.secretLabel);
      return result;
    } finally {
      span.end();
    }
  });
}

function takeRateToken(deps: WebhookHandlerDeps, source: ResolvedSource): void {
  const taken = deps.rateLimits.get(source.name)?.take();
  if (taken !== undefined && !taken.ok) {
    throw new IngressError('rate_limited', undefined, {
      retryAfterSeconds: taken.retryAfterSeconds,
    });
  }
}

async function publishEnvelope(
  deps: WebhookHandlerDeps,
  slot: PublishSlot,
  source: ResolvedSource,
  envelope: WebhookEnvelope,
  partitionKey: string,
): Promise<void> {
  const record = {
    topic: source.topic,
    key: partitionKey,
    value: deps.encode(source.topic, envelope),
    headers: {
      [kafkaHeaderNames.eventId]: envelope.eventId,
      [kafkaHeaderNames.eventType]: envelope.eventType,
    },
    eventId: envelope.eventId,
  };
  await tracer.startActiveSpan(spanNames.publish, async (span) => {
    span.setAttribute(spanAttributes.eventId, envelope.eventId);
    span.setAttribute(spanAttributes.eventType, envelope.eventType);
    try {
      await slot.publish(record, context.active());
    } catch (error: unknown) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The trace id of the request's span, for the 202 body; null when tracing is off. */
function currentTraceId(): string | null {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext !== undefined && isSpanContextValid(spanContext) ? spanContext.traceId : null;
}

function toIngressError(error: unknown): IngressError {
  if (isIngressError(error)) return error;
  return new IngressError('internal_error', (error as Error)?.message, { cause: error });
}

/** 503s wait the configured time; a 429 for saturation its own; a rate limit says when. */
function retryAfterFor(deps: WebhookHandlerDeps, error: IngressError): number | undefined {
  if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds;
  if (error.status === 503) return deps.unavailableRetryAfterSeconds;
  return error.code === 'saturated' ? deps.saturatedRetryAfterSeconds : undefined;
}

function recordFailure(outcome: WebhookOutcome, failure: IngressError): void {
  outcome.code = failure.code;
  if (failure.reason !== undefined) outcome.reason = failure.reason;
  if (failure.code === 'request_aborted') outcome.outcome = 'aborted';
  else outcome.outcome = failure.status >= 500 ? 'failed' : 'rejected';
}

function logOutcome(
  logger: Logger,
  outcome: WebhookOutcome,
  durationMs: number,
  error: IngressError | undefined,
): void {
  const fields = {
    ...outcome,
    durationMs: Math.round(durationMs * 10) / 10,
    // Unexpected failures keep their cause in the log; expected refusals need only their code.
    ...(error?.code === 'internal_error' || error?.code === 'publish_failed' ? { err: error } : {}),
  };
  if ((outcome.status ?? 500) >= 500) logger.error(fields, 'webhook answered');
  else logger.info(fields, 'webhook answered');
}
