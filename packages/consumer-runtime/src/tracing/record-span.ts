import {
  type Context,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { IHeaders } from 'kafkajs';
import { headerText } from '../headers/record-headers.ts';

/** Span names and messaging semantic-convention attributes, in one place. */
export const spanNames = Object.freeze({
  process: (topic: string) => `process ${topic}`,
  send: (topic: string) => `send ${topic}`,
  redrive: (topic: string) => `redrive ${topic}`,
});
export const spanAttributes = Object.freeze({
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  consumerGroup: 'messaging.consumer.group.name',
  messageId: 'messaging.message.id',
  kafkaOffset: 'messaging.kafka.offset',
  kafkaKey: 'messaging.kafka.message.key',
  /** Tributary's own, named as the ingress names its: the event id and the attempt number. */
  eventId: 'tributary.event.id',
  attempt: 'tributary.attempt',
});

const tracer = trace.getTracer('@tributary/consumer-runtime');

const headerGetter: TextMapGetter<IHeaders | undefined> = {
  keys: (carrier) => Object.keys(carrier ?? {}),
  get: (carrier, key) => headerText(carrier, key),
};

/** The record a span is about. */
export interface RecordSpanSubject {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  headers: IHeaders | undefined;
  groupId: string;
  eventId?: string;
}

/**
 * Runs `work` inside a `process <topic>` consumer span whose parent is the trace context in
 * the record's own headers, not the batch's: the kafkajs instrumentation starts one trace
 * per batch, and each record belongs to the trace of the webhook that produced it. Forwards
 * built inside `work` pick this span up through {@link activeTraceHeaders}. The span ends,
 * with an error status when `work` rejects, once `work` settles.
 */
export function withRecordSpan<T>(
  subject: RecordSpanSubject,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, subject.headers, headerGetter);
  const span = tracer.startSpan(
    spanNames.process(subject.topic),
    { kind: SpanKind.CONSUMER, attributes: recordAttributes(subject, 'process') },
    parent,
  );
  return runInSpan(parent, span, work);
}

/**
 * Runs `work` in a new root span `redrive <dlq topic>` linked to the trace the dead-lettered
 * record carries: a redrive is a new piece of work that points back at the original.
 */
export function withRedriveSpan<T>(
  subject: RecordSpanSubject,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const original = trace.getSpanContext(
    propagation.extract(ROOT_CONTEXT, subject.headers, headerGetter),
  );
  const links: Link[] = original === undefined ? [] : [{ context: original }];
  const span = tracer.startSpan(
    spanNames.redrive(subject.topic),
    { kind: SpanKind.PRODUCER, attributes: recordAttributes(subject, 'send'), links, root: true },
    ROOT_CONTEXT,
  );
  return runInSpan(ROOT_CONTEXT, span, work);
}

/** The active trace context as headers (`traceparent`, `tracestate`); empty without an SDK. */
export function activeTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The forward a {@link startForwardSpan} span is about. */
export interface ForwardSpanSubject {
  /** The tier or DLQ topic. */
  topic: string;
  partition: number;
  groupId: string;
  eventId?: string;
}

/**
 * Starts the `send <tier or DLQ topic>` producer span of a forward as a child of the active
 * context (the failed record's process span), and returns it with the headers carrying its
 * context, for the copy: the next attempt's process span is then this span's child, in the
 * webhook's trace. The caller ends it once the batch transaction settled.
 */
export function startForwardSpan(subject: ForwardSpanSubject): {
  span: Span;
  headers: Record<string, string>;
} {
  const span = tracer.startSpan(spanNames.send(subject.topic), {
    kind: SpanKind.PRODUCER,
    attributes: {
      [spanAttributes.system]: 'kafka',
      [spanAttributes.destination]: subject.topic,
      [spanAttributes.partition]: String(subject.partition),
      [spanAttributes.operationType]: 'send',
      [spanAttributes.operationName]: 'send',
      [spanAttributes.consumerGroup]: subject.groupId,
      ...(subject.eventId === undefined ? {} : { [spanAttributes.messageId]: subject.eventId }),
    },
  });
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return { span, headers };
}

/**
 * Runs `work` with tracing suppressed for the instrumentations. The kafkajs instrumentation
 * traces a transaction's sends in the batch's own trace and writes its span's `traceparent`
 * over the one a forward carries, which would move every retried attempt out of the webhook's
 * trace; the runtime traces its forwards itself (see {@link startForwardSpan}).
 */
export function withInstrumentationSuppressed<T>(work: () => Promise<T>): Promise<T> {
  return context.with(suppressTracing(context.active()), work);
}

function runInSpan<T>(parent: Context, span: Span, work: (span: Span) => Promise<T>): Promise<T> {
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error: unknown) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

function recordAttributes(subject: RecordSpanSubject, operation: 'process' | 'send') {
  return {
    [spanAttributes.system]: 'kafka',
    [spanAttributes.destination]: subject.topic,
    [spanAttributes.partition]: String(subject.partition),
    [spanAttributes.operationType]: operation,
    [spanAttributes.operationName]: operation,
    [spanAttributes.consumerGroup]: subject.groupId,
    [spanAttributes.kafkaOffset]: Number(subject.offset),
    ...(subject.key === null ? {} : { [spanAttributes.kafkaKey]: subject.key.toString('utf8') }),
    ...(subject.eventId === undefined ? {} : { [spanAttributes.messageId]: subject.eventId }),
  };
}

/** Runs `work` with `span` active (as is when `span` is absent): log lines then carry its ids. */
export function inSpan<T>(span: Span | undefined, work: () => T): T {
  return span === undefined ? work() : context.with(trace.setSpan(context.active(), span), work);
}
