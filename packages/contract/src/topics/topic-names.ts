import { ContractError } from '../errors/contract-error.ts';

/**
 * Builders for every Kafka name Tributary uses (DESIGN.md "Contracts"). Each takes the
 * unprefixed parts and an optional prefix applied once at the front, so test runs on a
 * shared stack never see each other's topics, groups or subjects. Inputs are validated:
 * a bad name fails here with `INVALID_NAME`, not later at the broker.
 */

/** Kafka's legal topic characters (kafka.common.internals.Topic). */
const topicCharset = /^[A-Za-z0-9._-]+$/;
/** Source and group names are one dot-free segment: dots separate the parts of a name. */
const segmentCharset = /^[A-Za-z0-9_-]+$/;
/** Kafka refuses longer topic names (249 leaves room for partition-directory suffixes). */
export const maxTopicNameLength = 249;

/** Identifies a source topic: the ingress source and the envelope major version. */
export interface SourceTopicParts {
  /** Ingress source name, one segment of `[A-Za-z0-9_-]`. */
  source: string;
  /** Envelope major version, an integer from 1. */
  major: number;
}

/** Identifies a consumer group's topics for one source topic. */
export interface GroupTopicParts extends SourceTopicParts {
  /** Consumer group name without prefix, one segment of `[A-Za-z0-9_-]`. */
  group: string;
}

/** `<prefix>webhooks.<source>.v<major>`: the topic the ingress writes one source's events to. */
export function sourceTopicName(parts: SourceTopicParts, prefix = ''): string {
  checkSegment('source', parts.source);
  checkPositiveInteger('major version', parts.major);
  return checkTopic(`${checkPrefix(prefix)}webhooks.${parts.source}.v${parts.major}`);
}

/** `<source topic>.<group>.retry.<tier>`: the group's retry tier `tier` (from 1). */
export function retryTopicName(parts: GroupTopicParts & { tier: number }, prefix = ''): string {
  checkSegment('group', parts.group);
  checkPositiveInteger('retry tier', parts.tier);
  return checkTopic(`${sourceTopicName(parts, prefix)}.${parts.group}.retry.${parts.tier}`);
}

/** `<source topic>.<group>.dlq`: where the group dead-letters records of that source topic. */
export function dlqTopicName(parts: GroupTopicParts, prefix = ''): string {
  checkSegment('group', parts.group);
  return checkTopic(`${sourceTopicName(parts, prefix)}.${parts.group}.dlq`);
}

/** `<prefix><group>.dedup`: the group's compacted dedup-mark topic. */
export function dedupTopicName(group: string, prefix = ''): string {
  return checkTopic(`${consumerGroupId(group, prefix)}.dedup`);
}

/** `<prefix><group>`: the Kafka consumer group id. */
export function consumerGroupId(group: string, prefix = ''): string {
  checkSegment('group', group);
  return checkTopic(`${checkPrefix(prefix)}${group}`);
}

/**
 * `<topic>-value`: the registry subject of a topic's record values (Confluent's
 * TopicNameStrategy). The prefix comes with the topic name.
 */
export function valueSubjectName(topic: string): string {
  return `${checkTopic(topic)}-value`;
}

function checkSegment(what: string, value: string): void {
  if (!segmentCharset.test(value)) {
    throw new ContractError(
      'INVALID_NAME',
      `${what} name ${JSON.stringify(value)} must be non-empty and use only A-Z a-z 0-9 _ -`,
    );
  }
}

function checkPrefix(prefix: string): string {
  if (prefix !== '' && !topicCharset.test(prefix)) {
    throw new ContractError(
      'INVALID_NAME',
      `prefix ${JSON.stringify(prefix)} may use only A-Z a-z 0-9 . _ -`,
    );
  }
  return prefix;
}

function checkPositiveInteger(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ContractError('INVALID_NAME', `${what} must be an integer from 1, got ${value}`);
  }
}

function checkTopic(name: string): string {
  if (!topicCharset.test(name) || name === '.' || name === '..') {
    throw new ContractError(
      'INVALID_NAME',
      `${JSON.stringify(name)} is not a legal Kafka name (A-Z a-z 0-9 . _ - only)`,
    );
  }
  if (name.length > maxTopicNameLength) {
    throw new ContractError(
      'INVALID_NAME',
      `${name.slice(0, 40)}... is ${name.length} characters; Kafka allows at most ${maxTopicNameLength}`,
    );
  }
  return name;
}
