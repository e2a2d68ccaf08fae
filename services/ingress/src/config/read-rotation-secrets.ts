import type { RotationSet } from '../verification/rotation-secrets.ts';
import { parseRotationSet } from '../verification/rotation-secrets.ts';

/** The environment variable a source reads its secrets from unless configured otherwise. */
export function defaultSecretsEnv(source: string): string {
  return `TRIBUTARY_SECRET_${source.toUpperCase().replaceAll('-', '_')}`;
}

/** What reading a source's secrets found. */
export type SecretsRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'invalid'; readonly problem: string }
  | { readonly kind: 'present'; readonly secrets: RotationSet };

// Shortcoming: secrets are labelled by position, not by name, so a label moves when the list is reordered.
/**
 * Splits a comma-separated rotation set read from the environment. Each entry is trimmed and
 * labelled by its position (`"0"` is the first), which is what the envelope records; entries
 * cannot themselves contain commas. Unset or blank is `absent`; an empty entry is `invalid`.
 * Problems never quote a secret.
 */
export function readRotationSecrets(value: string | undefined): SecretsRead {
  if (value === undefined || value.trim() === '') return { kind: 'absent' };

  const entries = value.split(',').map((entry) => entry.trim());
  const empty = entries.indexOf('');
  if (empty !== -1) {
    return { kind: 'invalid', problem: `entry ${empty} of the comma-separated list is empty` };
  }
  return {
    kind: 'present',
    secrets: parseRotationSet(
      entries.map((entry, index) => ({ label: String(index), value: entry })),
    ),
  };
}
