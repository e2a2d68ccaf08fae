import { CliError } from '../errors/cli-error.ts';
import { readDevSecretsFile } from './dev-secrets-file.ts';

/** Where {@link resolveSecret} looks, in this order. */
export interface SecretLookup {
  /** The `--secret` flag; wins when given. */
  readonly flag?: string;
  /** The environment; `TRIBUTARY_SECRET_<SOURCE>` is read from it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Path of the dev secrets file (`KEY=VALUE` lines); read only when the two above are absent. */
  readonly devSecretsFile: string;
}

/** A secret and where it came from (for messages; never printed itself). */
export interface ResolvedSecret {
  readonly value: string;
  readonly from: 'flag' | 'env' | 'file';
}

/** The variable the ingress reads a source's secrets from: `TRIBUTARY_SECRET_<SOURCE>`. */
export function secretVariable(source: string): string {
  return `TRIBUTARY_SECRET_${source.toUpperCase().replaceAll('-', '_')}`;
}

/**
 * The secret to sign with: `--secret`, else the first entry of the comma-separated
 * `TRIBUTARY_SECRET_<SOURCE>` (the ingress's rotation set; the first is the current one), else
 * the same key in the dev secrets file. Throws `CliError` `secret_missing` with one line that
 * names the variable to set.
 */
export function resolveSecret(source: string, lookup: SecretLookup): ResolvedSecret {
  if (lookup.flag !== undefined && lookup.flag !== '') return { value: lookup.flag, from: 'flag' };

  const variable = secretVariable(source);
  const fromEnv = firstEntry(lookup.env[variable]);
  if (fromEnv !== undefined) return { value: fromEnv, from: 'env' };

  const fromFile = firstEntry(readDevSecretsFile(lookup.devSecretsFile).get(variable));
  if (fromFile !== undefined) return { value: fromFile, from: 'file' };

  throw new CliError(
    'secret_missing',
    `no secret for ${source}: set ${variable} (or pass --secret, or add ${variable}=... to ${lookup.devSecretsFile})`,
  );
}

function firstEntry(list: string | undefined): string | undefined {
  const first = list?.split(',')[0]?.trim();
  return first === undefined || first === '' ? undefined : first;
}
