import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ComponentContext } from './component.ts';
import { StackError, StackErrorCode } from './errors.ts';

/** How often a long download or build says it is still going. */
const PROGRESS_INTERVAL_MS = 30_000;

/**
 * Runs one of deploy/local/fetch/*.sh for `component`, writing its output to
 * `<logDir>/<component>.fetch.log`. The scripts write `.complete` last, so an interrupted
 * download is fetched again rather than taken for a whole one. Exit codes 3 and 4 of the
 * scripts mean a missing tool and a broken artifact; their last line is the cause.
 */
export async function runFetchScript(
  ctx: ComponentContext,
  component: string,
  script: string,
  args: string[],
): Promise<void> {
  const logFile = join(ctx.layout.logDir, `${component}.fetch.log`);
  await mkdir(dirname(logFile), { recursive: true });
  const out = createWriteStream(logFile, { flags: 'a' });
  const scriptPath = join(ctx.layout.deployDir, 'fetch', script);

  const startedAt = Date.now();
  const heartbeat = setInterval(() => {
    const seconds = Math.round((Date.now() - startedAt) / 1_000);
    ctx.progress(`${component}: still working (${seconds} s so far; output in ${logFile})`);
  }, PROGRESS_INTERVAL_MS);
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn('bash', [scriptPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.once('error', (error) => {
      clearInterval(heartbeat);
      reject(error);
    });
    child.once('close', (code) => resolve(code ?? 1));
  });
  clearInterval(heartbeat);
  await new Promise((resolve) => out.end(resolve));

  if (exitCode === 0) return;
  const lastLine = await lastNonEmptyLine(logFile);
  const code = exitCode === 3 ? StackErrorCode.PREREQUISITE_MISSING : StackErrorCode.FETCH_FAILED;
  throw new StackError(code, component, `fetch failed (exit ${exitCode}): ${lastLine}`, {
    logFile,
  });
}

async function lastNonEmptyLine(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const lines = text.split('\n').map((line) => line.trim());
  return lines.filter((line) => line.length > 0).at(-1) ?? 'no output';
}

/** True when a fetch script finished writing `dir` (its `.complete` marker exists). */
export async function isInstalled(dir: string): Promise<boolean> {
  return access(join(dir, '.complete')).then(
    () => true,
    () => false,
  );
}
