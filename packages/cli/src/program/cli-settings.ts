import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devSecretsFileRelative } from '../send/dev-secrets-file.ts';

/** The repository this CLI lives in; `deploy/local/stack` and `.local/` are found from here. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Addresses and files the commands use, read once from the environment at start. */
export interface CliSettings {
  /** Kafka bootstrap brokers (`KAFKA_BROKERS`, comma-separated; default `127.0.0.1:9092`). */
  readonly brokers: readonly string[];
  /** Confluent-compatible registry API (`SCHEMA_REGISTRY_URL`; default port 8081). */
  readonly registryUrl: string;
  /** Ingress base URL, `/webhooks/<source>` is added (`TRIBUTARY_INGRESS_URL`; default port 8080). */
  readonly ingressBaseUrl: string;
  /** Dev secrets file (`TRIBUTARY_DEV_SECRETS_FILE`; default `.local/dev-secrets.env` in the repository). */
  readonly devSecretsFile: string;
}

/** Defaults of {@link CliSettings}: the conventional ports of the local stack. */
export const cliDefaults = Object.freeze({
  brokers: '127.0.0.1:9092',
  registryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
  ingressBaseUrl: 'http://127.0.0.1:8080',
});

/** Reads {@link CliSettings} from an environment; unset or blank variables take the defaults. */
export function cliSettingsFrom(
  env: Readonly<Record<string, string | undefined>>,
  root: string = repoRoot,
): CliSettings {
  const read = (name: string) => (env[name]?.trim() ? env[name].trim() : undefined);
  return Object.freeze({
    brokers: Object.freeze(
      (read('KAFKA_BROKERS') ?? cliDefaults.brokers)
        .split(',')
        .map((broker) => broker.trim())
        .filter((broker) => broker !== ''),
    ),
    registryUrl: read('SCHEMA_REGISTRY_URL') ?? cliDefaults.registryUrl,
    ingressBaseUrl: read('TRIBUTARY_INGRESS_URL') ?? cliDefaults.ingressBaseUrl,
    devSecretsFile: read('TRIBUTARY_DEV_SECRETS_FILE') ?? join(root, devSecretsFileRelative),
  });
}
