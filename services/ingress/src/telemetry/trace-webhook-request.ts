import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { spanAttributes } from './span-names.ts';

const tracer = trace.getTracer('@tributary/ingress');

/**
 * Middleware starting the HTTP server span of a request under `/webhooks`, the root of the
 * webhook's trace, and running the rest of the request inside it. The trace always starts
 * here: a `traceparent` the caller sent is kept as a link, not made the parent, so no caller
 * on the internet picks a webhook's trace id or turns its tracing off with an unsampled flag.
 * The telemetry package leaves incoming requests to the services: the HTTP instrumentation's
 * own server span, with its attribute parsing, event emitter binding and duration histogram,
 * cost about a sixth of the ingress's CPU per webhook (see test/bench/README.md). The span is
 * named `<method> <route>` once a route matched (`POST /webhooks/:source`), carries the HTTP
 * semantic-convention attributes and ends when the answer is sent or the client goes away
 * (then without a status code, and `error.type` `aborted`); 5xx answers mark it as an error.
 * Does nothing when tracing is off.
 */
export function traceWebhookRequest(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const caller = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, request.headers));
  const span = tracer.startSpan(request.method, {
    kind: SpanKind.SERVER,
    root: true,
    attributes: {
      [spanAttributes.httpRequestMethod]: request.method,
      [spanAttributes.urlPath]: request.originalUrl.split('?')[0] ?? '',
      [spanAttributes.urlScheme]: request.protocol,
      [spanAttributes.networkPeerAddress]: request.socket.remoteAddress ?? '',
      ...(request.headers['user-agent'] !== undefined && {
        [spanAttributes.userAgent]: request.headers['user-agent'],
      }),
    },
    ...(caller !== undefined && isSpanContextValid(caller) && { links: [{ context: caller }] }),
  });
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    // The webhook routes are the app's own, so their path is the whole route.
    const route = request.route?.path;
    if (typeof route === 'string') {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute(spanAttributes.httpRoute, route);
    }
    if (!response.headersSent) {
      span.setAttribute(spanAttributes.errorType, 'aborted');
    } else {
      span.setAttribute(spanAttributes.httpResponseStatusCode, response.statusCode);
      if (!response.writableFinished) span.setAttribute(spanAttributes.errorType, 'aborted');
      if (response.statusCode >= 500) {
        span.setAttribute(spanAttributes.errorType, String(response.statusCode));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
    }
    span.end();
  };
  response.once('finish', end);
  response.once('close', end);
  context.with(trace.setSpan(context.active(), span), next);
}
