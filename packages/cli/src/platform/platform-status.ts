import type { CommandOutput } from '@tributary/contract';
import { loadTopicCatalog } from '@tributary/contract';
import { exitCodes } from '../program/exit-codes.ts';
import { PlatformPm2 } from './platform-pm2.ts';
import { consumerServiceNames, platformProcesses } from './platform-processes.ts';
import type { PlatformSettings } from './platform-settings.ts';
import { waitReady } from './wait-ready.ts';

/**
 * `tributary platform status`: one line per platform process, its pm2 status and whether it
 * is ready now (one check, no waiting). Exit 0 when all are ready, 3 otherwise.
 */
export async function platformStatus(
  settings: PlatformSettings,
  output: CommandOutput,
): Promise<number> {
  const consumers = consumerServiceNames(settings.repoRoot, loadTopicCatalog());
  const processes = platformProcesses(settings, consumers, new Map());
  const daemonUp = await PlatformPm2.isDaemonRunning(settings.stateDir);
  const pm2 = daemonUp ? await PlatformPm2.open(settings.stateDir) : undefined;
  const width = Math.max(...processes.map((spec) => spec.name.length));
  let allReady = true;
  try {
    const running = (await pm2?.list()) ?? new Map();
    for (const spec of processes) {
      const entry = running.get(spec.name);
      const online = entry?.status === 'online';
      const outcome = online
        ? await waitReady({
            readiness: spec.readiness,
            timeoutMs: 0,
            isAlive: async () => true,
          })
        : undefined;
      const ready = outcome?.ready === true;
      allReady &&= ready;
      const health = ready
        ? 'ready'
        : outcome === undefined
          ? 'not running'
          : `not ready (${outcome.detail})`;
      const pid = entry === undefined ? '-' : `pid ${entry.pid} ${entry.status}`;
      output.line(`${spec.name.padEnd(width)}  ${health.padEnd(14)} ${pid}`);
    }
  } finally {
    pm2?.close();
  }
  return allReady ? exitCodes.ok : 3;
}
