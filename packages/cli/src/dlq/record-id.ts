import type { DeadLetterRef } from '@tributary/consumer-runtime';
import { CliError } from '../errors/cli-error.ts';

// Kafka topic names are made of [a-zA-Z0-9._-], so a colon can only be a separator.
const recordIdPattern = /^(?:(?<topic>[A-Za-z0-9._-]+):)?(?<partition>\d+):(?<offset>\d+)$/;

/**
 * Reads a DLQ record id as `dlq list` prints it: `<partition>:<offset>` when the service has
 * one DLQ topic, else `<dlq topic>:<partition>:<offset>`. The short form is accepted only when
 * it is unambiguous. Throws `record_id_invalid` (exit 2). Pure.
 */
export function parseRecordId(text: string, dlqTopics: readonly string[]): DeadLetterRef {
  const match = recordIdPattern.exec(text.trim());
  const { topic, partition, offset } = match?.groups ?? {};
  if (partition === undefined || offset === undefined) {
    throw new CliError(
      'record_id_invalid',
      `record id ${JSON.stringify(text)} is not <partition>:<offset> or <dlq topic>:<partition>:<offset>`,
    );
  }

  const dlqTopic = topic ?? (dlqTopics.length === 1 ? dlqTopics[0] : undefined);
  if (dlqTopic === undefined) {
    throw new CliError(
      'record_id_invalid',
      `record id ${text} needs its DLQ topic (one of ${dlqTopics.join(', ')}): <dlq topic>:${text}`,
    );
  }
  if (!dlqTopics.includes(dlqTopic)) {
    throw new CliError(
      'record_id_invalid',
      `${dlqTopic} is not a DLQ of this service (its DLQs: ${dlqTopics.join(', ')})`,
    );
  }
  return { dlqTopic, partition: Number(partition), offset: String(BigInt(offset)) };
}

/** The id `dlq show` and `dlq replay` take back: short when the service has one DLQ. Pure. */
export function formatRecordId(ref: DeadLetterRef, dlqTopics: readonly string[]): string {
  const short = `${ref.partition}:${ref.offset}`;
  return dlqTopics.length === 1 && dlqTopics[0] === ref.dlqTopic
    ? short
    : `${ref.dlqTopic}:${short}`;
}
