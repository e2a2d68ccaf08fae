import type { CommandOutput } from '@tributary/contract';
import { exitCodes } from '../program/exit-codes.ts';
import { PlatformPm2 } from './platform-pm2.ts';
import type { PlatformSettings } from './platform-settings.ts';

/**
 * `tributary platform down` (`npm stop`): stops every platform process this checkout started
 * (consumers first, the ingress, then the chat sink: each drains on SIGINT) and the platform's
 * pm2 daemon. The stack keeps running (`tributary stack down` stops it). Idempotent.
 */
export async function platformDown(
  settings: PlatformSettings,
  output: CommandOutput,
): Promise<number> {
  if (!(await PlatformPm2.isDaemonRunning(settings.stateDir))) {
    output.line('platform: not running');
    return exitCodes.ok;
  }
  const pm2 = await PlatformPm2.open(settings.stateDir);
  try {
    const names = [...(await pm2.list()).keys()];
    const order = (name: string) => (name === 'chat-sink' ? 2 : name === 'ingress' ? 1 : 0);
    for (const name of names.sort((a, b) => order(a) - order(b))) {
      await pm2.remove(name);
      output.line(`${name}: stopped`);
    }
    await pm2.shutdownDaemon();
  } finally {
    pm2.close();
  }
  output.line('platform: down (the stack still runs; ./tributary stack down stops it)');
  return exitCodes.ok;
}
