import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { TelemetryError } from '../telemetry-error.ts';
import { telemetryState } from '../telemetry-state.ts';

/** Where {@link serveMetrics} listens. There is no default port: each service names its own. */
export interface ServeMetricsOptions {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /**
   * Whether the service is ready now; when given, `GET /readyz` answers 200 while it returns
   * true and 503 otherwise. Absent: no `/readyz` (404).
   */
  readiness?: () => boolean;
}

/** A running metrics endpoint. */
export interface MetricsServer {
  /** The port actually bound. */
  port: number;
  close(): Promise<void>;
}

/**
 * Answers a Prometheus scrape with this process's metrics in the text exposition format;
 * for services that already run an HTTP server (mount it at `/metrics`). Answers 503 when
 * the telemetry bootstrap did not start (no `--import @tributary/telemetry/register`, or
 * `OTEL_SDK_DISABLED=true`), so a missing bootstrap is visible rather than an empty page.
 */
export function metricsRequestHandler(request: IncomingMessage, response: ServerResponse): void {
  const exporter = telemetryState.prometheus;
  if (exporter === undefined) {
    response.writeHead(503, { 'content-type': 'text/plain' });
    response.end('metrics are off: the telemetry bootstrap did not start in this process\n');
    return;
  }
  exporter.getMetricsRequestHandler(request, response);
}

/**
 * Serves `/metrics` (and `/readyz` when `readiness` is given) on a port of the service's own,
 * for services without an HTTP server of their own (consumer services). Every service gets its own port: two processes never share
 * one, so no default is offered. Fails with METRICS_PORT_IN_USE when the port is taken.
 */
export async function serveMetrics(options: ServeMetricsOptions): Promise<MetricsServer> {
  const { readiness } = options;
  const server: Server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (path === '/metrics') return metricsRequestHandler(request, response);
    if (path === '/readyz' && readiness !== undefined) {
      const ready = readiness();
      response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: ready ? 'ready' : 'not_ready' }));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new TelemetryError('METRICS_PORT_IN_USE', `cannot serve metrics on port ${options.port}`, {
          cause: error,
        }),
      ),
    );
    server.listen({ port: options.port, host: options.host ?? '127.0.0.1' }, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  return {
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
