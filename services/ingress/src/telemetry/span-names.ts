/**
 * Span names and attribute keys the ingress writes, in one place. Messaging attributes follow
 * the OpenTelemetry semantic conventions for Kafka (they live in the conventions' incubating
 * set, which the conventions ask instrumentations to copy rather than import).
 */
export const spanNames = Object.freeze({
  /** Signature and timestamp checks of one delivery. */
  verify: 'verify',
  /** From handing the record to the publisher to the broker's acknowledgement. */
  publish: 'publish',
  /** The Kafka produce span of one record, `send <topic>` as the conventions name it. */
  send: (topic: string) => `send ${topic}`,
});

/** Attribute keys. */
export const spanAttributes = Object.freeze({
  messagingSystem: 'messaging.system',
  messagingDestinationName: 'messaging.destination.name',
  messagingOperationType: 'messaging.operation.type',
  messagingOperationName: 'messaging.operation.name',
  messagingMessageId: 'messaging.message.id',
  messagingMessageBodySize: 'messaging.message.body.size',
  messagingKafkaMessageKey: 'messaging.kafka.message.key',
  messagingBatchMessageCount: 'messaging.batch.message_count',
  errorType: 'error.type',
  /** HTTP server span (stable HTTP conventions). */
  httpRequestMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpResponseStatusCode: 'http.response.status_code',
  urlPath: 'url.path',
  urlScheme: 'url.scheme',
  networkPeerAddress: 'network.peer.address',
  userAgent: 'user_agent.original',
  /** Ingress-specific: source name, verification scheme, matched secret label, answer code. */
  source: 'tributary.source',
  scheme: 'tributary.verification.scheme',
  secretLabel: 'tributary.verification.secret_label',
  failureReason: 'tributary.verification.failure_reason',
  eventId: 'tributary.event.id',
  eventType: 'tributary.event.type',
});
