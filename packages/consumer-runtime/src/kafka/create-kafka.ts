import type { Logger } from '@tributary/logger';
import kafkajs, { type Kafka, type logCreator } from 'kafkajs';

// kafkajs is CommonJS and Node's named-export detection misses some of its exports.
const { Kafka: KafkaClient, logLevel } = kafkajs;

/** Options for {@link createKafka}. */
export interface CreateKafkaOptions {
  /** Bootstrap brokers, `host:port`. */
  brokers: readonly string[];
  /** Client id shown in broker logs. */
  clientId: string;
  /** Where kafkajs's own log lines go (bound to `component: 'kafkajs'`). */
  logger: Logger;
  /** Time to open one broker connection, in milliseconds. */
  connectionTimeoutMs: number;
}

/**
 * Messages kafkajs writes at warn or error for conditions the runtime expects, logged at
 * debug instead: it bounds the retries of its transactional producers on purpose (a failed
 * batch is aborted and redone, so exactly-once output holds), and while a long handler runs
 * through a rebalance every timed heartbeat is answered "rebalancing" (the runtime logs the
 * rebalance itself once).
 */
const expectedNoise = [
  /Limiting retries for the idempotent producer/,
  /The group is rebalancing, so a rejoin is needed/,
];

/**
 * One kafkajs client for a service: its consumer, per-partition producers, admin and the
 * short-lived readers share it (and kafkajs's offset bookkeeping between them). kafkajs log
 * lines go to pino one level lower than kafkajs gives them: it logs a rebalance or a
 * coordinator move, which the consumer recovers from, at error.
 */
export function createKafka(options: CreateKafkaOptions): Kafka {
  const logger = options.logger.child({ component: 'kafkajs' });
  const bridge: logCreator =
    () =>
    ({ level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
      const text = `${message} ${String(fields.error ?? '')}`;
      const expected = expectedNoise.some((pattern) => pattern.test(text));
      // A constant message keeps log searches working; kafkajs's own text goes in a field.
      const line = { ...fields, kafkajsMessage: message };
      if (expected) logger.debug(line, 'kafkajs reported');
      else if (level === logLevel.ERROR || level === logLevel.WARN) {
        logger.warn(line, 'kafkajs reported');
      } else if (level === logLevel.INFO) logger.debug(line, 'kafkajs reported');
      else logger.trace(line, 'kafkajs reported');
    };
  return new KafkaClient({
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs,
    logLevel: logLevel.INFO,
    logCreator: bridge,
  });
}
