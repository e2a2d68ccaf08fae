import type { Logger } from '@tributary/logger';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { IngressError } from '../errors/ingress-error.ts';
import { traceWebhookRequest } from '../telemetry/trace-webhook-request.ts';
import { webhookMetricAttributes } from '../telemetry/webhook-metric-attributes.ts';
import { type ReadinessReport, sendProbes } from './probe-routes.ts';
import { sendError } from './send-answer.ts';
import { createWebhookHandler, type WebhookHandlerDeps } from './webhook-handler.ts';

/** What {@link createIngressApp} needs. */
export interface IngressAppDeps extends WebhookHandlerDeps {
  /** Express `trust proxy`: which hops decide the client address recorded in the envelope. */
  readonly trustProxy: boolean | number | string;
  /** The readiness checks, evaluated per probe. */
  readonly readiness: () => ReadinessReport;
}

/**
 * The ingress HTTP app: `POST /webhooks/:source`, `/healthz`, `/readyz`, `/metrics`, and JSON
 * error answers for everything else (404 `not_found`, 405 `method_not_allowed` with `Allow`).
 * Bodies are never parsed by middleware: the handler reads them itself, counting bytes, so the
 * signature is checked over exactly what arrived.
 */
export function createIngressApp(deps: IngressAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers are small, per-request JSON; an ETag only costs a hash.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy);

  sendProbes(app, deps.readiness);
  app.use('/webhooks', traceWebhookRequest);
  app.post('/webhooks/:source', createWebhookHandler(deps));
  app.all('/webhooks/:source', (request, response) => {
    const source = String(request.params.source);
    const known = deps.sources.has(source);
    if (known) response.set('allow', 'POST');
    const code = known ? 'method_not_allowed' : 'unknown_source';
    sendError(request, response, new IngressError(code));
    // A webhook sent with the wrong method is still an answered webhook: logged and counted,
    // as refused.
    deps.logger.info(
      { source, method: request.method, status: response.statusCode, outcome: 'rejected', code },
      'webhook answered',
    );
    deps.webhooksReceived.add(
      1,
      webhookMetricAttributes({
        source,
        sourceKnown: known,
        outcome: 'rejected',
        status: response.statusCode,
      }),
    );
  });
  app.use((request: Request, response: Response) => {
    sendError(request, response, new IngressError('not_found'));
  });
  app.use(errorAnswer(deps.logger));
  return app;
}

/**
 * Last resort for errors raised before a handler runs (a path express cannot decode). Client
 * mistakes answer 400 `malformed_request`; anything else is a 500, logged with its cause.
 */
function errorAnswer(logger: Logger) {
  return (error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    if (!clientError) logger.error({ err: error, path: request.path }, 'request failed');
    sendError(
      request,
      response,
      new IngressError(clientError ? 'malformed_request' : 'internal_error', undefined, {
        cause: error,
      }),
    );
  };
}
