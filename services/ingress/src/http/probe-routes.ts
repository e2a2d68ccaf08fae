import { metricsRequestHandler } from '@tributary/telemetry';
import type { Express } from 'express';

/** What readiness looks at; every check must hold. */
export interface ReadinessReport {
  /** The idempotent producer connected (and got its producer id). */
  readonly producerConnected: boolean;
  /** Every source topic's writer schema id is resolved; once cached it stays, registry or not. */
  readonly schemaIdsCached: boolean;
  /** Shutdown began: load balancers should stop sending. */
  readonly draining: boolean;
}

/**
 * `GET /healthz`: liveness, 200 while the event loop answers. `GET /readyz`: 200 when the
 * producer is connected, the schema ids are cached and no shutdown is under way, else 503
 * with the checks; it never calls the registry, so a registry blip leaves a warm ingress in
 * service. `GET /metrics`: this process's Prometheus metrics (text exposition format), or 503
 * in plain text when the telemetry bootstrap did not start (see `metricsRequestHandler`).
 */
export function sendProbes(app: Express, readiness: () => ReadinessReport): void {
  app.get('/healthz', (_request, response) => {
    response.status(200).json({ status: 'ok' });
  });
  app.get('/readyz', (_request, response) => {
    const checks = readiness();
    const ready = checks.producerConnected && checks.schemaIdsCached && !checks.draining;
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  app.get('/metrics', (request, response) => {
    metricsRequestHandler(request, response);
  });
}
