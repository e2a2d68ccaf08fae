import type { CommandOutput } from '@tributary/contract';
import { applyTopicCatalog, loadTopicCatalog, registerEnvelopeSchemas } from '@tributary/contract';
import { CliError } from '../errors/cli-error.ts';
import { exitCodes } from '../program/exit-codes.ts';
import { sendSourceNames } from '../send/send-sources.ts';
import { ensureDevSecrets } from './ensure-dev-secrets.ts';
import { lastLogError } from './last-log-error.ts';
import { PlatformPm2, platformLogFile } from './platform-pm2.ts';
import type { PlatformProcess } from './platform-processes.ts';
import { consumerServiceNames, platformProcesses } from './platform-processes.ts';
import type { PlatformSettings } from './platform-settings.ts';
import { waitReady } from './wait-ready.ts';

/** What `platform up` needs. */
export interface PlatformUpDeps {
  readonly settings: PlatformSettings;
  /** Runs `deploy/local/stack` and resolves to its exit code. */
  readonly runStack: (args: readonly string[]) => Promise<number>;
  readonly output: CommandOutput;
}

/** Keeps a step's detail lines and prints only its last (the summary) line. */
function summaryOnly(output: CommandOutput): CommandOutput & { last(): string } {
  let last = '';
  return {
    line: (text) => {
      last = text;
    },
    fail: output.fail,
    last: () => last,
  };
}

/**
 * `tributary platform up` (`npm start`): the stack, the topic catalog, the envelope schemas,
 * the dev secrets, then the chat sink, the ingress and every consumer service under pm2, each
 * waited for (bounded). Idempotent: a running, ready process is reused. When a process fails
 * to get ready, the ones this call started are stopped again and its log is named.
 */
export async function platformUp(deps: PlatformUpDeps): Promise<number> {
  const { settings, output } = deps;
  const started = Date.now();
  const stackCode = await deps.runStack(['up']);
  if (stackCode !== 0) return stackCode;

  await prepareContract(settings, output);
  const secrets = ensureDevSecrets(settings.devSecretsFile, sendSourceNames);
  output.line(
    secrets.created.length > 0
      ? `secrets: created ${secrets.created.length} development secrets in ${settings.devSecretsFile}`
      : `secrets: using ${settings.devSecretsFile}`,
  );

  const consumers = consumerServiceNames(settings.repoRoot, loadTopicCatalog());
  const processes = platformProcesses(settings, consumers, secrets.variables);
  const pm2 = await PlatformPm2.open(settings.stateDir);
  try {
    await startAll(pm2, processes, settings, output);
  } finally {
    pm2.close();
  }
  output.line(`platform: up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printWhereToLook(settings, processes, output);
  return exitCodes.ok;
}

async function prepareContract(settings: PlatformSettings, output: CommandOutput): Promise<void> {
  const topics = summaryOnly(output);
  await applyTopicCatalog(
    {
      brokers: settings.brokers,
      prefix: settings.prefix,
      dryRun: false,
      increasePartitions: false,
    },
    topics,
  );
  output.line(`topics: ${topics.last()}`);
  const schemas = summaryOnly(output);
  await registerEnvelopeSchemas(
    { registryUrl: settings.registryUrl, prefix: settings.prefix },
    schemas,
  );
  output.line(`schemas: ${schemas.last()}`);
}

async function startAll(
  pm2: PlatformPm2,
  processes: readonly PlatformProcess[],
  settings: PlatformSettings,
  output: CommandOutput,
): Promise<void> {
  const startedHere: string[] = [];
  for (const spec of processes) {
    const running = (await pm2.list()).get(spec.name);
    const reused = running?.status === 'online';
    if (!reused) {
      if (running !== undefined) await pm2.remove(spec.name);
      await pm2.start({ name: spec.name, args: spec.args, env: spec.env, cwd: settings.repoRoot });
      startedHere.push(spec.name);
    }

    const outcome = await waitReady({
      readiness: spec.readiness,
      timeoutMs: spec.readyTimeoutMs,
      isAlive: async () => (await pm2.list()).get(spec.name)?.status === 'online',
    });
    if (!outcome.ready) {
      for (const name of startedHere.reverse()) await pm2.remove(name).catch(() => undefined);
      const logFile = platformLogFile(settings.stateDir, spec.name);
      const why =
        outcome.reason === 'exited'
          ? `exited before it was ready (${lastLogError(logFile) ?? outcome.detail})`
          : `not ready within ${spec.readyTimeoutMs / 1000} s (${outcome.detail})`;
      throw new CliError('platform_not_ready', `${spec.name}: ${why}; see ${logFile}`);
    }
    const how = reused ? 'already running' : 'started';
    output.line(`${spec.name}: ${how}, ready after ${(outcome.afterMs / 1000).toFixed(1)} s`);
  }
}

function printWhereToLook(
  settings: PlatformSettings,
  processes: readonly PlatformProcess[],
  output: CommandOutput,
): void {
  const lines = [
    '',
    'Tributary is running. Where to look:',
    ...processes.flatMap((spec) => spec.links.map((link) => `  ${link}`)),
    `  Jaeger UI       ${settings.jaegerUrl}  (service tributary-ingress, then each consumer)`,
    `  logs            ./tributary platform logs <${processes.map((p) => p.name).join('|')}> [-f]`,
    `                  files in ${settings.stateDir}/logs`,
    `  dev secrets     ${settings.devSecretsFile}`,
    '  try it          ./tributary send github push   |   npm run demo',
    '  status          ./tributary platform status',
    '  stop            npm stop  (./tributary platform down; the stack: ./tributary stack down)',
  ];
  for (const line of lines) output.line(line);
}
