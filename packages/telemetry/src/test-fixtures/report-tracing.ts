// Test fixture, run as a child process entry: exercises kafkajs and a logger the way a
// service does, then writes one JSON line `{ "report": ... }` on stdout with what it saw.
import { trace } from '@opentelemetry/api';
import { createLogger } from '@tributary/logger';
import {
  assertLoadedBeforeKafkajs,
  isTelemetryStarted,
  kafkajsLoadedBeforeTelemetry,
} from '../index.ts';
import { Kafka, logLevel } from './kafkajs-client.ts';

async function sendThroughKafkajs(): Promise<Record<string, unknown>> {
  const producer = new Kafka({ brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING }).producer();
  const message = { value: 'v', headers: {} as Record<string, string> };
  // The producer is not connected, so send rejects at once; an instrumented send has already
  // written the trace context into the message headers by then.
  await producer.send({ topic: 'fixture', messages: [message] }).catch(() => undefined);
  return message.headers;
}

function logInsideSpan(): { line: Record<string, unknown>; traceId: string; spanId: string } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  const logger = createLogger({ serviceName: 'fixture', destination });
  return trace.getTracer('fixture').startActiveSpan('fixture', (span) => {
    logger.info('inside a span');
    span.end();
    const { traceId, spanId } = span.spanContext();
    return { line: lines[0] ?? {}, traceId, spanId };
  });
}

function assertionCode(): string | undefined {
  try {
    assertLoadedBeforeKafkajs();
    return undefined;
  } catch (error: unknown) {
    return (error as { code?: string }).code;
  }
}

const headers = await sendThroughKafkajs();
const logged = logInsideSpan();
const report = {
  started: isTelemetryStarted(),
  kafkajsLoadedFirst: kafkajsLoadedBeforeTelemetry(),
  assertionCode: assertionCode() ?? null,
  traceparentSent: typeof headers.traceparent === 'string',
  logCarriesSpan: logged.line.traceId === logged.traceId && logged.line.spanId === logged.spanId,
};
process.stdout.write(`${JSON.stringify({ report })}\n`);
