import { applyTopicPlan } from '../catalog/apply-topic-plan.ts';
import { createKafkaTopicAdmin } from '../catalog/kafka-topic-admin.ts';
import { loadTopicCatalog } from '../catalog/load-topic-catalog.ts';
import { deriveTopicPlan } from '../catalog/topic-plan.ts';
import { formatTopicChanges } from './format-topic-changes.ts';
import type { CommandOutput } from './run-command.ts';

/** Inputs of {@link applyTopicCatalog}, as the `topics apply` command line gives them. */
export interface ApplyTopicCatalogOptions {
  /** Bootstrap brokers, `host:port`; read from `KAFKA_BROKERS` by the caller. */
  brokers: readonly string[];
  /** Prefix of every topic name; empty for none. */
  prefix: string;
  /** Catalog file; absent means `deploy/catalog.yaml`. */
  catalogFile?: string;
  /** Print what would change and change nothing. */
  dryRun: boolean;
  /** Raise partition counts below the catalog's (never lowers them). */
  increasePartitions: boolean;
}

/**
 * The `topics apply` command: loads the catalog, derives the topic plan under the prefix,
 * applies it (creates what is missing, reports drift, deletes nothing) and writes one line per
 * topic plus a summary. Resolves true when done; throws `ContractError` for a bad catalog or an
 * unreachable broker. Shared by the contract's own script and the `tributary` CLI.
 */
export async function applyTopicCatalog(
  options: ApplyTopicCatalogOptions,
  output: CommandOutput,
): Promise<boolean> {
  const plan = deriveTopicPlan(loadTopicCatalog(options.catalogFile), options.prefix);
  const admin = createKafkaTopicAdmin({ brokers: options.brokers });
  try {
    await admin.connect();
    const result = await applyTopicPlan(admin, plan, {
      dryRun: options.dryRun,
      increasePartitions: options.increasePartitions,
    });
    for (const line of formatTopicChanges(result)) output.line(line);
    return true;
  } finally {
    await admin.disconnect();
  }
}
