import type { Logger } from '@tributary/logger';
import kafkajs, { type logCreator, type Producer } from 'kafkajs';
import type { SendBatch } from './publish-record.ts';

// kafkajs is CommonJS; Node's named-export detection misses some of its exports.
const { Kafka, Partitioners, logLevel } = kafkajs;

/** Options of {@link createIngressProducer}. */
export interface IngressProducerOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** Client id in broker logs. */
  readonly clientId: string;
  /** Time to open one broker connection, in milliseconds. */
  readonly connectionTimeoutMs: number;
  /** Time the broker may take to answer one request, in milliseconds. */
  readonly requestTimeoutMs: number;
  /** Time the broker may wait for in-sync replicas (acks=all), in milliseconds. */
  readonly ackTimeoutMs: number;
  /** Where kafkajs' own warnings and errors go. */
  readonly logger: Logger;
}

/** The ingress's Kafka producer. */
export interface IngressProducer {
  /** Connects and obtains a producer id; rejects after a few bounded retries (call again to retry). */
  connect(): Promise<void>;
  /** Disconnects; safe when never connected. */
  disconnect(): Promise<void>;
  /** True between a successful `connect` and `disconnect`. */
  readonly connected: boolean;
  /** Writes a coalesced batch with acks=all. */
  readonly send: SendBatch;
}

// Shortcoming: kafkajs reports no broker loss, so `connected` (and readiness) stays true through an outage; webhooks then get 503 from the publish deadline.
/**
 * An idempotent kafkajs producer: acks=all, one request in flight per broker, records keyed
 * and partitioned with the Java client's murmur2 partitioner (so every client agrees on where
 * a key lives), no topic auto-creation. Sends retry forever, as kafkajs insists for idempotence
 * (its own warning says limiting them may break exactly-once), with backoff capped at one
 * second so a returning broker is found quickly; callers bound each publish with a deadline.
 * Connecting uses the client's short retry budget instead, so a dead broker fails it in seconds.
 */
export function createIngressProducer(options: IngressProducerOptions): IngressProducer {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(options.logger),
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
  let connected = false;
  producer.on(producer.events.DISCONNECT, () => {
    connected = false;
  });
  const sendBatch = uninstrumented(producer);

  return {
    async connect() {
      await producer.connect();
      connected = true;
    },
    disconnect: () => producer.disconnect(),
    get connected() {
      return connected;
    },
    send: async (batch) => {
      await sendBatch({
        topicMessages: batch.map(({ topic, messages }) => ({
          topic,
          messages: messages.map(({ key, value, headers }) => ({
            key,
            value,
            headers: { ...headers },
          })),
        })),
        acks: -1,
        timeout: options.ackTimeoutMs,
      });
    },
  };
}

/**
 * kafkajs' own `sendBatch`, behind the OpenTelemetry kafkajs wrapper when one is installed.
 * The wrapper starts every record's send span in the context active at the call; a coalesced
 * batch carries records of many requests, so the publisher starts each record's span in its
 * own request's context instead (see `startProduceSpan`) and calls the original here.
 */
function uninstrumented(producer: Producer): Producer['sendBatch'] {
  const wrapped = producer.sendBatch as Producer['sendBatch'] & { __original?: unknown };
  const original = typeof wrapped.__original === 'function' ? wrapped.__original : wrapped;
  return (original as Producer['sendBatch']).bind(producer);
}

/**
 * Routes kafkajs logs into pino under `kafkajs`. kafkajs reports every failed connection
 * attempt at ERROR while a broker is away; the ingress answers and logs the consequence
 * (503) itself, so these go out as warnings.
 */
function pinoLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...detail } = log;
      const fields = { namespace, kafkajsMessage: message, detail };
      if (level >= logLevel.INFO) child.debug(fields, 'kafkajs log');
      else child.warn(fields, 'kafkajs log');
    };
}
