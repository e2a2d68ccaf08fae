import { CliError } from '../errors/cli-error.ts';

/** Lowercase words joined by single hyphens, starting with a letter: `order-audit`. */
const kebabCase = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Longest name: it ends up in topic names (`webhooks.<source>.v1.<name>.retry.<n>`). */
export const maxConsumerNameLength = 40;
/** Names the repository already uses for something else. */
const reservedNames: readonly string[] = ['ingress', 'cli', 'contract', 'logger', 'telemetry'];

/**
 * Checks a new consumer's name: kebab-case, at most {@link maxConsumerNameLength} characters,
 * not a reserved workspace name. Throws `consumer_name_invalid` (exit 2). Pure.
 */
export function validateConsumerName(name: string): string {
  if (!kebabCase.test(name)) {
    throw new CliError(
      'consumer_name_invalid',
      `consumer name ${JSON.stringify(name)} is not kebab-case (lowercase words joined by -, like order-audit)`,
    );
  }
  if (name.length > maxConsumerNameLength) {
    throw new CliError(
      'consumer_name_invalid',
      `consumer name ${name} is longer than ${maxConsumerNameLength} characters`,
    );
  }
  if (reservedNames.includes(name) || name.startsWith('consumer-runtime')) {
    throw new CliError('consumer_name_invalid', `consumer name ${name} is reserved`);
  }
  return name;
}
