import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseDevSecrets } from '../send/dev-secrets-file.ts';
import { secretVariable } from '../send/resolve-secret.ts';
import type { SendSourceName } from '../send/send-sources.ts';
import { sendSources } from '../send/send-sources.ts';

/** What {@link ensureDevSecrets} found and did. */
export interface DevSecrets {
  /** Every `TRIBUTARY_SECRET_<SOURCE>` of the file, after the missing ones were added. */
  readonly variables: ReadonlyMap<string, string>;
  /** Variables this call added (empty when the file already had them all). */
  readonly created: readonly string[];
}

/** 32 random bytes: the key length HMAC-SHA256 uses without hashing it first. */
const secretBytes = 32;

/** A fresh development secret the scheme of `source` can sign with. */
export function newDevSecret(source: SendSourceName): string {
  const random = randomBytes(secretBytes);
  // Standard Webhooks secrets are `whsec_` and the base64 of the key; the others are opaque text.
  return sendSources[source].verification.scheme === 'standard-webhooks'
    ? `whsec_${random.toString('base64')}`
    : random.toString('hex');
}

/**
 * Makes sure the dev secrets file holds a secret for every source, creating the file (mode
 * 0600) on first use and appending only the variables it lacks, so secrets already handed to a
 * provider's test setup never change. Lines written by hand are kept as they are.
 */
export function ensureDevSecrets(file: string, sources: readonly SendSourceName[]): DevSecrets {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const existing = parseDevSecrets(text);
  const added = sources
    .map((source) => [secretVariable(source), source] as const)
    .filter(([variable]) => !existing.get(variable));

  if (added.length > 0) {
    const header =
      text === ''
        ? '# Development webhook secrets, made by `npm start` (tributary platform up).\n' +
          '# The ingress and `tributary send` both read this file. Never commit it.\n'
        : text.endsWith('\n')
          ? ''
          : '\n';
    const lines = added.map(([variable, source]) => `${variable}=${newDevSecret(source)}\n`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text + header + lines.join(''), { mode: 0o600 });
  }
  return {
    variables: parseDevSecrets(readFileSync(file, 'utf8')),
    created: added.map(([variable]) => variable),
  };
}
