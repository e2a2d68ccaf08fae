/**
 * Names of the Kafka record headers Tributary writes (DESIGN.md "Kafka headers"). Values
 * are UTF-8 strings; times are decimal milliseconds since the Unix epoch, counts decimal
 * integers. Each header appears at most once on a record: a forward replaces the previous
 * hop's value rather than appending another.
 */
export const kafkaHeaderNames = Object.freeze({
  /** W3C trace context `traceparent` (named by the W3C spec, hence no prefix). */
  traceparent: 'traceparent',
  /** W3C trace context `tracestate`. */
  tracestate: 'tracestate',
  /** The envelope's event id, readable without decoding the value. */
  eventId: 'tributary-event-id',
  /** The envelope's event type, so consumers can skip types without decoding. */
  eventType: 'tributary-event-type',

  /** Retry/DLQ: the source topic the record was first read from. */
  originalTopic: 'tributary-original-topic',
  /** Retry/DLQ: partition of the record in the original topic. */
  originalPartition: 'tributary-original-partition',
  /** Retry/DLQ: offset of the record in the original topic. */
  originalOffset: 'tributary-original-offset',
  /** Retry/DLQ: attempts made so far (the first delivery is attempt 1). */
  attemptCount: 'tributary-attempt-count',
  /** Retry/DLQ: when the first attempt failed, epoch milliseconds. */
  firstFailureAtMs: 'tributary-first-failure-at-ms',
  /** Retry: the tier consumer must not run the record before this time, epoch milliseconds. */
  notBeforeMs: 'tributary-not-before-ms',
  /** Retry/DLQ: class of the last error (`error.name` or the handler's code). */
  errorClass: 'tributary-error-class',
  /** Retry/DLQ: message of the last error, truncated by the writer to keep records small. */
  errorMessage: 'tributary-error-message',
  /** DLQ redrive: how many times the record was sent back from the DLQ. */
  redriveCount: 'tributary-redrive-count',
} as const);

/** One Tributary Kafka header name. */
export type KafkaHeaderName = (typeof kafkaHeaderNames)[keyof typeof kafkaHeaderNames];
