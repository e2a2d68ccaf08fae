// Test fixture, run as a child process entry: stays alive until a signal ends it. With
// `--own-handler` it handles SIGTERM itself the way a service does (drain, then await
// shutdownTelemetry) and lets the process end on its own with exit code 0.
import { shutdownTelemetry } from '../index.ts';

const keepAlive = setInterval(() => undefined, 60_000);

if (process.argv.includes('--own-handler')) {
  process.once('SIGTERM', async () => {
    process.stdout.write('draining\n');
    await shutdownTelemetry();
    clearInterval(keepAlive);
  });
}
process.stdout.write('ready\n');
