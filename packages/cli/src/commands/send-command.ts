import { randomUUID } from 'node:crypto';
import type { CommandOutput } from '@tributary/contract';
import { Argument, Command, InvalidArgumentError } from 'commander';
import { CliError } from '../errors/cli-error.ts';
import { exitCodes } from '../program/exit-codes.ts';
import { integerFrom } from '../program/option-parsers.ts';
import { runAction } from '../program/run-action.ts';
import { buildDelivery } from '../send/build-delivery.ts';
import { expectedLabel } from '../send/describe-answer.ts';
import { listExamples, loadPayload } from '../send/load-payload.ts';
import { resolveSecret, secretVariable } from '../send/resolve-secret.ts';
import { sendDeliveries } from '../send/send-deliveries.ts';
import type { SendSource, SendSourceName } from '../send/send-sources.ts';
import { sendSourceNames, sendSources } from '../send/send-sources.ts';

/** What `send` needs, read from the environment by `main.ts`. */
export interface SendCommandDeps {
  /** Base URL of the ingress (`TRIBUTARY_INGRESS_URL`, default `http://127.0.0.1:8080`). */
  readonly ingressBaseUrl: string;
  /** Environment to read `TRIBUTARY_SECRET_<SOURCE>` from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Path of the dev secrets file (`.local/dev-secrets.env` in the repository). */
  readonly devSecretsFile: string;
  /** Folder of the built-in examples; absent means `packages/cli/examples`. */
  readonly examplesDir?: string;
  /** The clock, epoch milliseconds. */
  readonly nowMs: () => number;
  /** Where result and failure lines go. */
  readonly output: CommandOutput;
}

interface SendOptions {
  url?: string;
  secret?: string;
  eventType?: string;
  deliveryId?: string;
  keepId: boolean;
  duplicate: number;
  badSignature: boolean;
  timeoutMs: number;
}

/** Longest wait for one answer unless `--timeout-ms` says otherwise: past the ingress's own
 * publish deadline (a couple of seconds) with room to spare. */
export const defaultAnswerTimeoutMs = 10_000;

function httpUrl(text: string): string {
  const url = URL.parse(text);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InvalidArgumentError('must be an http:// or https:// URL');
  }
  return text;
}

/**
 * `tributary send <source> <payload>`: signs a payload as the source's provider would and
 * POSTs it to the ingress, once plus `--duplicate` identical copies, printing one line per
 * answer. Exit 0 when every answer is 2xx (401 with `--bad-signature`), else 1; 2 for usage.
 */
export function createSendCommand(deps: SendCommandDeps): Command {
  return new Command('send')
    .description('sign a payload as the provider would and POST it to the ingress')
    .addArgument(new Argument('<source>', 'webhook source').choices(sendSourceNames))
    .argument('<payload>', 'a built-in example of the source (see below) or a JSON file')
    .option(
      '--url <url>',
      'full webhook URL (default: $TRIBUTARY_INGRESS_URL/webhooks/<source>)',
      httpUrl,
    )
    .option('--secret <secret>', 'secret to sign with (default: see below)')
    .option('--event-type <type>', 'event type header (github, shopify: required for a file)')
    .option('--delivery-id <id>', 'delivery id where the scheme carries one (default: random)')
    .option(
      '--keep-id',
      'send a built-in Stripe or Slack example with the event id it is stored with (default: a fresh one each time)',
      false,
    )
    .option('--duplicate <n>', 'send the identical signed delivery n more times', integerFrom(0), 0)
    .option('--bad-signature', 'send a signature that does not match; expects 401', false)
    .option(
      '--timeout-ms <ms>',
      'longest wait for one answer',
      integerFrom(1),
      defaultAnswerTimeoutMs,
    )
    .addHelpText('after', () => sendHelpText(deps))
    .action((source: SendSourceName, payload: string, options: SendOptions) =>
      runAction(deps.output, () => runSend(deps, source, payload, options)),
    );
}

async function runSend(
  deps: SendCommandDeps,
  source: SendSourceName,
  payloadArgument: string,
  options: SendOptions,
): Promise<number> {
  const sendSource: SendSource = sendSources[source];
  if (options.deliveryId !== undefined && sendSource.bodyEventId !== undefined) {
    throw new CliError(
      'usage',
      `${source} carries no delivery id (its event id is the body's "${sendSource.bodyEventId.field}"); --delivery-id would do nothing`,
    );
  }
  if (options.deliveryId?.trim() === '') throw new CliError('usage', '--delivery-id is empty');
  if (options.secret?.trim() === '') throw new CliError('usage', '--secret is empty');
  const loaded = loadPayload(source, payloadArgument, deps.examplesDir);
  const payload =
    loaded.exampleName !== undefined && sendSource.bodyEventId !== undefined && !options.keepId
      ? { ...loaded, body: withFreshEventId(loaded.body, sendSource.bodyEventId) }
      : loaded;
  const eventType = eventTypeFor(source, sendSource, options.eventType, payload.exampleName);
  const secret = resolveSecret(source, {
    flag: options.secret,
    env: deps.env,
    devSecretsFile: deps.devSecretsFile,
  });
  const delivery = buildDelivery({
    source,
    sendSource,
    secret: secret.value,
    body: payload.body,
    eventType,
    deliveryId: options.deliveryId ?? `${sendSource.deliveryIdPrefix ?? ''}${randomUUID()}`,
    nowMs: deps.nowMs(),
    badSignature: options.badSignature,
  });

  const expected = options.badSignature ? 'unauthenticated' : 'accepted';
  const result = await sendDeliveries({
    url: options.url ?? `${deps.ingressBaseUrl.replace(/\/+$/, '')}/webhooks/${source}`,
    delivery,
    copies: 1 + options.duplicate,
    expected,
    timeoutMs: options.timeoutMs,
    output: deps.output,
  });
  if (result.unexpected > 0) {
    throw new CliError(
      'unexpected_answers',
      `${result.unexpected} of ${result.answered} answers were not ${expectedLabel(expected)}`,
    );
  }
  return exitCodes.ok;
}

/**
 * The event type header's value: `--event-type`, else the example's name (a built-in example is
 * named after the type it carries). Usage errors: a flag for a source whose type is in the
 * body (it would silently do nothing), or no type where the ingress can find it nowhere else.
 */
function eventTypeFor(
  source: string,
  sendSource: SendSource,
  flag: string | undefined,
  exampleName: string | undefined,
): string | undefined {
  const header = sendSource.eventTypeHeader;
  if (header === undefined) {
    if (flag !== undefined) {
      throw new CliError(
        'usage',
        `${source} carries the event type in the body; drop --event-type`,
      );
    }
    return undefined;
  }

  const eventType = flag ?? exampleName;
  if (eventType === undefined && header.required) {
    throw new CliError(
      'usage',
      `${source} needs --event-type for a payload file (sent as ${header.name})`,
    );
  }
  return eventType;
}

function sendHelpText(deps: SendCommandDeps): string {
  const examples = sendSourceNames.map(
    (source) => `  ${source.padEnd(9)} ${listExamples(source, deps.examplesDir).join(', ') || '-'}`,
  );
  return [
    '',
    'Built-in examples (github, shopify: the name is sent as the event type header):',
    ...examples,
    '',
    'Secret: --secret, else the first entry of TRIBUTARY_SECRET_<SOURCE> (comma-separated),',
    `else that key in ${deps.devSecretsFile}. e.g. ${secretVariable('github')}.`,
    'Exit codes: 0 every answer 2xx (401 with --bad-signature), 1 otherwise or unreachable, 2 usage.',
  ].join('\n');
}

/**
 * The example's body with a new event id where the provider keeps it: the stored id would make
 * every send after the first a duplicate, which consumers rightly skip.
 */
function withFreshEventId(
  body: Buffer,
  where: { readonly field: string; readonly prefix: string },
): Buffer {
  const document = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  const fresh = randomUUID().replaceAll('-', '').slice(0, 24);
  return Buffer.from(
    `${JSON.stringify({ ...document, [where.field]: `${where.prefix}${fresh}` }, null, 2)}\n`,
  );
}
