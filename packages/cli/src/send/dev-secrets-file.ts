import { readFileSync } from 'node:fs';
import { CliError } from '../errors/cli-error.ts';

/** Where the dev secrets file lives, relative to the repository root. */
export const devSecretsFileRelative = '.local/dev-secrets.env';

/**
 * Parses `KEY=VALUE` lines. Blank lines and `#` comments are skipped, an `export ` before the
 * key is allowed (so the file can also be sourced by a shell), and one pair of matching quotes
 * around the value is removed. Lines without `=` are ignored. Later keys win.
 */
export function parseDevSecrets(text: string): ReadonlyMap<string, string> {
  const entries = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    const equals = line.indexOf('=');
    if (line === '' || line.startsWith('#') || equals < 1) continue;

    const value = line.slice(equals + 1).trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    entries.set(line.slice(0, equals).trim(), quoted?.[2] ?? value);
  }
  return entries;
}

/**
 * Reads and parses the dev secrets file; a file that does not exist is an empty map. Throws
 * `CliError` `secrets_file_unreadable` for any other read failure (never quoting content).
 */
export function readDevSecretsFile(file: string): ReadonlyMap<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return new Map();
    throw new CliError('secrets_file_unreadable', `cannot read ${file}: ${code ?? String(error)}`, {
      cause: error,
    });
  }
  return parseDevSecrets(text);
}
