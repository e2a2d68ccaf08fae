import type { DeadLetterRef, RedriveReport } from '@tributary/consumer-runtime';
import type { CommandOutput } from '@tributary/contract';
import type { Logger } from '@tributary/logger';
import { Command, Option } from 'commander';
import { deadLetterFilter, type FilterOptions, hasFilter } from '../dlq/dead-letter-filter.ts';
import { type DeadLetterBody, decodeDeadLetterBody } from '../dlq/decode-dead-letter-body.ts';
import {
  deadLetterDetail,
  deadLetterJson,
  deadLetterTable,
  redriveLine,
} from '../dlq/format-dead-letters.ts';
import { guardRuntime, type OpenDlq, openDlq } from '../dlq/open-dlq.ts';
import { formatRecordId, parseRecordId } from '../dlq/record-id.ts';
import { parseTimeBound } from '../dlq/time-bound.ts';
import { CliError } from '../errors/cli-error.ts';
import { exitCodes } from '../program/exit-codes.ts';
import { integerFrom, positiveNumber } from '../program/option-parsers.ts';
import { runAction } from '../program/run-action.ts';

/** What the `dlq` commands need, read from the environment by `main.ts`. */
export interface DlqCommandDeps {
  /** Bootstrap brokers, `host:port` (`KAFKA_BROKERS`, default `127.0.0.1:9092`). */
  readonly brokers: readonly string[];
  /** Schema registry, to decode the envelope `show` prints the body of (`SCHEMA_REGISTRY_URL`). */
  readonly registryUrl: string;
  /** The clock, epoch milliseconds (relative `--from`/`--to`). */
  readonly nowMs: () => number;
  /** Builds the runtime client's logger; `verbose` asks for debug lines on stderr. */
  readonly logger: (verbose: boolean) => Logger;
  /** Where result and failure lines go. */
  readonly output: CommandOutput;
}

interface CommonOptions {
  service: string;
  prefix: string;
  catalog?: string;
  timeoutMs: number;
  json: boolean;
  verbose: boolean;
}

interface ReplayOptions extends CommonOptions, FilterOptions {
  all: boolean;
  dryRun: boolean;
  maxPerSecond: number;
  maxRedrives: number;
}

/** Longest one read of a DLQ or of the dedup marks, unless `--timeout-ms` says otherwise. */
export const defaultDlqReadTimeoutMs = 30_000;
/** Redrives a record may have had before `replay` refuses it (the runtime's own default). */
export const defaultMaxRedrives = 3;
/** Records sent per second at most during `replay` (the runtime's own default). */
export const defaultMaxPerSecond = 10;

function withCommonOptions(command: Command): Command {
  return command
    .requiredOption('--service <name>', 'the consumer service (its group in the topic catalog)')
    .option('--prefix <prefix>', 'prefix of its topics and group (test runs, shared stacks)', '')
    .option('--catalog <file>', 'topic catalog (default: deploy/catalog.yaml)')
    .option(
      '--timeout-ms <ms>',
      'longest one read of a DLQ or of the dedup marks may take',
      integerFrom(1),
      defaultDlqReadTimeoutMs,
    )
    .option('--json', 'print JSON instead of text', false)
    .option('--verbose', "log the runtime client's debug lines to stderr", false);
}

function withFilterOptions(command: Command): Command {
  return command
    .option('--source <source>', 'source name (github) or source topic (webhooks.github.v1)')
    .option('--error-class <class>', 'error class, exactly (PermanentError, DECODE_FAILED)')
    .option(
      '--schema-id <id>',
      'registry id of the schema the value was written with',
      integerFrom(1),
    )
    .addOption(
      new Option(
        '--from <time>',
        'dead-lettered at or after: ISO-8601 or a span ago (2h, 7d)',
      ).argParser(parseTimeBound),
    )
    .addOption(
      new Option('--to <time>', 'dead-lettered before: ISO-8601 or a span ago').argParser(
        parseTimeBound,
      ),
    );
}

/**
 * `tributary dlq list|show|replay --service <group>`: the consumer runtime's redrive API.
 * Exit 0 done, 1 failed (broker unreachable, topics missing, record not found, a read timed
 * out), 2 usage (unknown service, bad record id), 4 `replay` refused some records.
 */
export function createDlqCommand(deps: DlqCommandDeps): Command {
  const dlq = new Command('dlq').description(
    `a service's dead-lettered records: list, show, replay (KAFKA_BROKERS, now ${deps.brokers.join(',')})`,
  );
  withFilterOptions(
    withCommonOptions(
      dlq.command('list').description('list dead letters, oldest first per partition'),
    ),
  ).action((options: CommonOptions & FilterOptions) =>
    runAction(deps.output, () => withDlq(deps, options, (opened) => list(deps, opened, options))),
  );
  withCommonOptions(
    dlq
      .command('show')
      .description('show one dead letter: its headers and the webhook body it carries')
      .argument('<id>', 'record id as dlq list prints it: <partition>:<offset>'),
  ).action((id: string, options: CommonOptions) =>
    runAction(deps.output, () =>
      withDlq(deps, options, (opened) => show(deps, opened, id, options)),
    ),
  );
  withFilterOptions(
    withCommonOptions(
      dlq
        .command('replay')
        .description("send dead letters back to the service's own first retry tier")
        .argument('[ids...]', 'record ids as dlq list prints them; or use filters, or --all'),
    ),
  )
    .option('--all', 'replay every dead letter of the service', false)
    .option('--dry-run', 'decide and report, send nothing', false)
    .option(
      '--max-per-second <n>',
      'most records sent per second',
      positiveNumber,
      defaultMaxPerSecond,
    )
    .option(
      '--max-redrives <n>',
      'refuse records redriven this many times already',
      integerFrom(1),
      defaultMaxRedrives,
    )
    .addHelpText('after', replayHelpText)
    .action((ids: string[], options: ReplayOptions) =>
      runAction(deps.output, () =>
        withDlq(deps, options, (opened) => replay(deps, opened, ids, options)),
      ),
    );
  return dlq;
}

const replayHelpText = [
  '',
  'Select by ids, or by filters, or --all (exactly one of the three).',
  'A record is sent only while its dedup mark says dead for that copy: replaying twice is a no-op',
  '(not-dead); an older copy of an event dead-lettered again is superseded.',
  'Exit codes: 0 done (no-ops included), 1 failed, 2 usage, 4 some records refused (redrive limit).',
].join('\n');

async function withDlq(
  deps: DlqCommandDeps,
  options: CommonOptions & { maxRedrives?: number },
  body: (opened: OpenDlq) => Promise<number>,
): Promise<number> {
  const opened = await openDlq({
    brokers: deps.brokers,
    service: options.service,
    prefix: options.prefix,
    catalogFile: options.catalog,
    timeoutMs: options.timeoutMs,
    maxRedrives: options.maxRedrives ?? defaultMaxRedrives,
    logger: deps.logger(options.verbose),
  });
  try {
    return await body(opened);
  } finally {
    await opened.client.close();
  }
}

async function list(
  deps: DlqCommandDeps,
  opened: OpenDlq,
  options: CommonOptions & FilterOptions,
): Promise<number> {
  const filter = deadLetterFilter(options, opened.topology, options.prefix, deps.nowMs());
  const letters = await guardRuntime(`cannot list the DLQs of ${opened.topology.groupId}`, () =>
    opened.client.list(filter),
  );

  const rows = letters.map((letter) => deadLetterJson(letter, opened.dlqTopics));
  if (options.json) deps.output.line(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) deps.output.line(`no dead letters in ${opened.dlqTopics.join(', ')}`);
  else for (const line of deadLetterTable(rows)) deps.output.line(line);
  return exitCodes.ok;
}

async function show(
  deps: DlqCommandDeps,
  opened: OpenDlq,
  id: string,
  options: CommonOptions,
): Promise<number> {
  const ref = parseRecordId(id, opened.dlqTopics);
  const letter = await guardRuntime(`cannot read ${ref.dlqTopic}`, () => opened.client.show(ref));
  if (letter === undefined) {
    throw new CliError('record_not_found', `no dead letter at ${id} in ${ref.dlqTopic}`);
  }

  const json = deadLetterJson(letter, opened.dlqTopics, true);
  const body = await decodeDeadLetterBody(deps.registryUrl, letter.value);
  if (options.json) deps.output.line(JSON.stringify({ ...json, body }, null, 2));
  else for (const line of [...deadLetterDetail(json), ...bodyLines(body)]) deps.output.line(line);
  return exitCodes.ok;
}

async function replay(
  deps: DlqCommandDeps,
  opened: OpenDlq,
  ids: readonly string[],
  options: ReplayOptions,
): Promise<number> {
  const select = selection(deps, opened, ids, options);
  const progress = options.json
    ? undefined
    : (result: Parameters<typeof redriveLine>[0], done: number, total: number) =>
        deps.output.line(redriveLine(result, done, total, opened.dlqTopics));

  const report = await guardRuntime(`replay for ${opened.topology.groupId} stopped`, () =>
    opened.client.redrive({
      select,
      dryRun: options.dryRun,
      maxPerSecond: options.maxPerSecond,
      ...(progress === undefined ? {} : { onResult: progress }),
    }),
  );
  return finishReplay(deps, opened, report, options.json);
}

function selection(
  deps: DlqCommandDeps,
  opened: OpenDlq,
  ids: readonly string[],
  options: ReplayOptions,
): readonly DeadLetterRef[] | ReturnType<typeof deadLetterFilter> {
  const ways = [ids.length > 0, hasFilter(options), options.all].filter(Boolean).length;
  if (ways !== 1) {
    throw new CliError('usage', 'name record ids, or filters, or --all (exactly one of them)');
  }
  if (ids.length > 0) return ids.map((id) => parseRecordId(id, opened.dlqTopics));
  return deadLetterFilter(options, opened.topology, options.prefix, deps.nowMs());
}

function finishReplay(
  deps: DlqCommandDeps,
  opened: OpenDlq,
  report: RedriveReport,
  json: boolean,
): number {
  const counts = new Map<string, number>();
  for (const { outcome } of report.results) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const refused = counts.get('redrive-limit') ?? 0;

  if (json) {
    const results = report.results.map((result) => ({
      id: formatRecordId(result.ref, opened.dlqTopics),
      ...result,
    }));
    deps.output.line(
      JSON.stringify({ dryRun: report.dryRun, sent: report.sent, results }, null, 2),
    );
  } else {
    const summary =
      [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ') || 'nothing selected';
    deps.output.line(`${report.dryRun ? 'dry run: ' : ''}${summary}`);
  }
  if (refused > 0) {
    throw new CliError(
      'redrive_refused',
      `${refused} of ${report.results.length} records refused: redriven too often already (--max-redrives)`,
    );
  }
  return exitCodes.ok;
}

/** The body part of `dlq show`'s text output. */
function bodyLines(body: DeadLetterBody): string[] {
  if ('error' in body) return [`body: ${body.error}`];
  return [`body (${body.contentType}, ${body.bytes} bytes, ${body.encoding}):`, body.data];
}
