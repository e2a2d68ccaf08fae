import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';

/** Paths of the liveness, readiness and metrics endpoints every service may serve. */
const probePaths = new Set(['/healthz', '/readyz', '/metrics']);

/** True for a request to a probe or the metrics endpoint (query string ignored). */
export function isProbePath(url: string | undefined): boolean {
  return probePaths.has((url ?? '').split('?')[0] ?? '');
}

/**
 * True for a webhook request (`/webhooks/...`): the ingress starts those server spans itself,
 * at a fraction of the HTTP instrumentation's cost per request (`traceWebhookRequest`).
 */
export function isSelfTracedPath(url: string | undefined): boolean {
  // As express matches the ingress's `/webhooks` mount: any case, the path itself or below it.
  const path = (url ?? '').split('?')[0]?.toLowerCase() ?? '';
  return path === '/webhooks' || path.startsWith('/webhooks/');
}

/**
 * The instrumentations every service runs with, enabled on construction: HTTP server and
 * client, kafkajs produce and consume (with `traceparent` in record headers), and pino, which
 * adds the active span's ids to each log line in the logger's camelCase. No express
 * instrumentation: its span per middleware and handler cost the ingress a tenth of its CPU;
 * the ingress names its server spans by route itself (`routeForTraces`).
 */
export function createInstrumentations() {
  return [
    new HttpInstrumentation({
      // Probes and scrapes are not webhooks: untraced, they do not crowd the service's traces.
      // Webhooks are traced by the ingress itself.
      ignoreIncomingRequestHook: (request) =>
        isProbePath(request.url) || isSelfTracedPath(request.url),
    }),
    new KafkaJsInstrumentation(),
    new PinoInstrumentation({
      // Logs stay JSON lines on stdout; sending them as OTLP logs too would double them.
      disableLogSending: true,
      logKeys: { traceId: 'traceId', spanId: 'spanId', traceFlags: 'traceFlags' },
    }),
  ];
}
