import { z } from 'zod';
import { isContractError } from '../errors/contract-error.ts';
import {
  consumerGroupId,
  dedupTopicName,
  dlqTopicName,
  retryTopicName,
  sourceTopicName,
} from '../topics/topic-names.ts';
import { parseDurationMs } from './parse-duration.ts';

/**
 * Room a source topic's `max.message.bytes` must leave above the ingress body limit for the
 * rest of the envelope (allow-listed headers, ids, digest) and Kafka's record overhead.
 */
export const envelopeOverheadBytes = 64 * 1024;

const duration = z.string().transform((text, ctx) => {
  const ms = parseDurationMs(text);
  if (ms === undefined || ms === 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration like 5s, 10m, 7d` });
    return z.NEVER;
  }
  return ms;
});

const positiveInt = z.number().int().min(1);

const sourceTopicRef = z.strictObject({ source: z.string(), major: positiveInt });

const sourceEntry = z.strictObject({
  source: z.string(),
  major: positiveInt,
  partitions: positiveInt,
  retention: duration,
  maxMessageBytes: positiveInt,
});

const groupEntry = z.strictObject({
  group: z.string(),
  reads: z.array(sourceTopicRef).min(1),
  tiers: z.array(duration),
  maxAttempts: positiveInt,
  dedupWindow: duration,
  // prefault: the default is a duration string that still goes through the transform.
  dlqRetention: duration.prefault('30d'),
});

/** The catalog file's schema: field shapes, then the rules that span fields. */
export const topicCatalogSchema = z
  .strictObject({
    replicationFactor: positiveInt.default(1),
    ingressMaxBodyBytes: positiveInt,
    sources: z.array(sourceEntry).min(1),
    groups: z.array(groupEntry).default([]),
  })
  // Shortcoming: zod runs these only once every field has the right shape, so a file with
  // both kinds of mistakes reports the cross-field ones on the next run.
  .superRefine((catalog, ctx) => {
    for (const issue of crossFieldIssues(catalog)) ctx.addIssue({ code: 'custom', ...issue });
  });

type ParsedCatalog = z.output<typeof topicCatalogSchema>;
type Issue = { path: Array<string | number>; message: string };

function crossFieldIssues(catalog: ParsedCatalog): Issue[] {
  const issues: Issue[] = [];
  const retentionByTopic = new Map<string, number>();

  catalog.sources.forEach((entry, index) => {
    const path = ['sources', index];
    const key = `${entry.source}.v${entry.major}`;
    issues.push(...nameIssues(path, () => sourceTopicName(entry)));
    if (retentionByTopic.has(key))
      issues.push({ path, message: `source topic ${key} is declared twice` });
    retentionByTopic.set(key, entry.retention);
    const minBytes = catalog.ingressMaxBodyBytes + envelopeOverheadBytes;
    if (entry.maxMessageBytes < minBytes) {
      issues.push({
        path: [...path, 'maxMessageBytes'],
        message: `must be at least ingressMaxBodyBytes + ${envelopeOverheadBytes} (${minBytes}) so the largest accepted body fits`,
      });
    }
  });

  const groups = new Set<string>();
  catalog.groups.forEach((entry, index) => {
    const path = ['groups', index];
    if (groups.has(entry.group))
      issues.push({ path, message: `group ${entry.group} is declared twice` });
    groups.add(entry.group);
    issues.push(...groupIssues(entry, path, retentionByTopic));
  });
  return issues;
}

function groupIssues(
  entry: ParsedCatalog['groups'][number],
  path: Array<string | number>,
  retentionByTopic: Map<string, number>,
): Issue[] {
  const issues = nameIssues(path, () => {
    consumerGroupId(entry.group);
    dedupTopicName(entry.group);
    for (const ref of entry.reads) dlqTopicName({ ...ref, group: entry.group });
    entry.tiers.forEach((_, tier) => {
      for (const ref of entry.reads) retryTopicName({ ...ref, group: entry.group, tier: tier + 1 });
    });
  });

  if (entry.tiers.some((delayMs, i) => i > 0 && delayMs < (entry.tiers[i - 1] ?? 0))) {
    issues.push({ path: [...path, 'tiers'], message: 'tier delays must not decrease' });
  }
  if (entry.tiers.length > entry.maxAttempts - 1) {
    issues.push({
      path: [...path, 'maxAttempts'],
      message: `${entry.tiers.length} tiers need maxAttempts of at least ${entry.tiers.length + 1}, else a tier is never used`,
    });
  }
  if (entry.maxAttempts > 1 && entry.tiers.length === 0) {
    issues.push({
      path: [...path, 'tiers'],
      message: 'retrying (maxAttempts > 1) needs at least one tier',
    });
  }
  const waitMs = totalRetryWaitMs(entry.tiers, entry.maxAttempts);
  if (entry.dedupWindow <= waitMs) {
    issues.push({
      path: [...path, 'dedupWindow'],
      message: `must exceed the ${waitMs} ms a record can spend in the tiers, so a redelivery during retries is still recognised`,
    });
  }
  entry.reads.forEach((ref, i) => {
    const retentionMs = retentionByTopic.get(`${ref.source}.v${ref.major}`);
    if (retentionMs === undefined) {
      issues.push({
        path: [...path, 'reads', i],
        message: `reads ${ref.source}.v${ref.major}, which sources does not declare`,
      });
    } else if (entry.tiers.some((delayMs) => delayMs >= retentionMs)) {
      issues.push({
        path: [...path, 'tiers'],
        message: `a tier delay reaches the ${retentionMs} ms retention of ${ref.source}.v${ref.major}, so records would expire while waiting`,
      });
    }
  });
  return issues;
}

/**
 * Longest time a record spends waiting in tiers: one wait per retry, and attempts past the
 * last tier wait in the last tier again.
 */
export function totalRetryWaitMs(tierDelaysMs: readonly number[], maxAttempts: number): number {
  const last = tierDelaysMs.at(-1) ?? 0;
  const extraRetries = Math.max(0, maxAttempts - 1 - tierDelaysMs.length);
  return tierDelaysMs.reduce((sum, delayMs) => sum + delayMs, 0) + extraRetries * last;
}

function nameIssues(path: Array<string | number>, build: () => void): Issue[] {
  try {
    build();
    return [];
  } catch (error: unknown) {
    if (isContractError(error, 'INVALID_NAME')) return [{ path, message: error.message }];
    throw error;
  }
}
