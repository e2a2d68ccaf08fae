import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';

/**
 * The instrumentations every service runs with, enabled on construction: HTTP client,
 * kafkajs produce and consume (with `traceparent` in record headers), and pino, which adds
 * the active span's ids to each log line in the logger's camelCase. No express
 * instrumentation (a span per middleware and handler, about 8 % of the ingress's CPU).
 */
export function createInstrumentations() {
  return [
    new HttpInstrumentation({
      // Outgoing requests only. No service's incoming requests want the instrumentation's
      // server span: probes and scrapes are not webhooks, and the ingress starts the server
      // spans of webhooks itself (`traceWebhookRequest`) at a fraction of the cost; even a
      // request it ignores costs the binding of the request and response emitters.
      disableIncomingRequestInstrumentation: true,
    }),
    new KafkaJsInstrumentation(),
    new PinoInstrumentation({
      // Logs stay JSON lines on stdout; sending them as OTLP logs too would double them.
      disableLogSending: true,
      logKeys: { traceId: 'traceId', spanId: 'spanId', traceFlags: 'traceFlags' },
    }),
  ];
}
