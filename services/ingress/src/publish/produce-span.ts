import { type Context, propagation, type Span, SpanKind, trace } from '@opentelemetry/api';
import { spanAttributes, spanNames } from '../telemetry/span-names.ts';
import type { PublishRecord } from './publish-record.ts';

const tracer = trace.getTracer('@tributary/ingress');

/** A record's produce span and the record headers carrying its trace context. */
export interface ProduceSpan {
  readonly span: Span;
  /** The record's headers plus `traceparent` (and `tracestate`) of the produce span. */
  readonly headers: Record<string, string>;
}

/**
 * Starts the `send <topic>` producer span of one record as a child of `parent` (the request's
 * publish span) and injects its context into a copy of the record's headers, so each consumer's
 * process span joins the webhook's own trace. When the telemetry SDK is not started the span is
 * a no-op and no trace headers are added.
 */
export function startProduceSpan(record: PublishRecord, parent: Context): ProduceSpan {
  const span = tracer.startSpan(
    spanNames.send(record.topic),
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        [spanAttributes.messagingSystem]: 'kafka',
        [spanAttributes.messagingDestinationName]: record.topic,
        [spanAttributes.messagingOperationType]: 'send',
        [spanAttributes.messagingOperationName]: 'send',
        [spanAttributes.messagingKafkaMessageKey]: record.key,
        [spanAttributes.messagingMessageBodySize]: record.value.length,
        ...(record.eventId === undefined
          ? {}
          : { [spanAttributes.messagingMessageId]: record.eventId }),
      },
    },
    parent,
  );
  const headers = { ...record.headers };
  propagation.inject(trace.setSpan(parent, span), headers);
  return { span, headers };
}
