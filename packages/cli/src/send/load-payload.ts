import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../errors/cli-error.ts';

/**
 * The built-in examples: `packages/cli/examples/<source>/<name>.json`. The Stripe and Slack ones
 * carry a fixed event id in the body; `send` gives them a fresh one (see `bodyEventId`).
 */
export const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** A body to send and where it came from. */
export interface Payload {
  /** The bytes exactly as stored; they are signed and sent unchanged. */
  readonly body: Buffer;
  /** The example's name when a built-in example was chosen; it is also its event type. */
  readonly exampleName?: string;
  /** What to call it in messages: `example github/push` or the file path. */
  readonly origin: string;
}

/**
 * Names of the built-in examples of `source`, sorted: paths under its folder without `.json`,
 * so `shopify/orders/create.json` is `orders/create`. An example is named after the event type
 * it carries. A source without a folder has none.
 */
export function listExamples(source: string, dir: string = examplesDir): string[] {
  const folder = join(dir, source);
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.json'))
    .map((entry) => entry.slice(0, -'.json'.length).replaceAll('\\', '/'))
    .sort();
}

// Shortcoming: JSON bodies only; Slack slash commands and interactivity post form-encoded bodies, which send cannot make.
/**
 * The payload `argument` names: a built-in example of `source` first, else a file. Checks the
 * body is JSON (it is sent as `application/json`) but keeps its bytes. Throws `CliError`:
 * `unknown_payload` (listing the examples) when it is neither, `payload_unreadable`,
 * `payload_invalid`.
 */
export function loadPayload(source: string, argument: string, dir: string = examplesDir): Payload {
  const examples = listExamples(source, dir);
  const isExample = examples.includes(argument);
  const file = isExample ? join(dir, source, `${argument}.json`) : argument;
  if (!isExample && !existsSync(file)) {
    const known = examples.length > 0 ? examples.join(', ') : 'none';
    throw new CliError(
      'unknown_payload',
      `${argument} is neither a file nor an example of ${source} (examples: ${known})`,
    );
  }

  const origin = isExample ? `example ${source}/${argument}` : file;
  const body = readBody(file, origin);
  checkJson(body, origin);
  return isExample ? { body, exampleName: argument, origin } : { body, origin };
}

function readBody(file: string, origin: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError('payload_unreadable', `cannot read ${origin}: ${code}`, { cause: error });
  }
}

function checkJson(body: Buffer, origin: string): void {
  try {
    JSON.parse(body.toString('utf8'));
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError('payload_invalid', `${origin} is not JSON: ${reason}`, { cause: error });
  }
}
