import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { NextFunction, Request, Response } from 'express';

/**
 * Middleware telling the HTTP instrumentation which route a request matched, so its server
 * span is named `POST /webhooks/:source` and carries `http.route`. The express
 * instrumentation would do the same, but at the price of a span per middleware and handler
 * on every request; the ingress runs without it. Does nothing when tracing is off.
 */
export function routeForTraces(route: string) {
  return (_request: Request, _response: Response, next: NextFunction): void => {
    const metadata = getRPCMetadata(context.active());
    if (metadata?.type === RPCType.HTTP) metadata.route = route;
    next();
  };
}
