import { setTimeout as delay } from 'node:timers/promises';
import type { Component, ComponentContext, ComponentName } from './component.ts';
import { jaeger } from './components/jaeger.ts';
import { kafka } from './components/kafka.ts';
import { registry } from './components/registry.ts';
import { StackError, StackErrorCode } from './errors.ts';
import { logFileOf } from './layout.ts';
import { duplicatePorts, portTable } from './ports.ts';
import { isPortFree } from './preflight.ts';
import { type ManagedProcess, ProcessManager } from './process-manager.ts';

/** The stack's components in start order. */
export const COMPONENTS: readonly Component[] = [kafka, registry, jaeger];

/** How one component came out of `up`. */
export type UpOutcome = 'started' | 'reused' | 'external';

/** One component's line in `status`. */
export interface ComponentStatus {
  name: ComponentName;
  title: string;
  /** Process of this checkout, when it has one. */
  process: ManagedProcess | undefined;
  healthy: boolean;
  endpoints: Record<string, string>;
  logFile: string;
}

const PROBE_INTERVAL_MS = 500;

export function componentByName(name: string): Component {
  const found = COMPONENTS.find((c) => c.name === name);
  if (found) return found;
  const known = COMPONENTS.map((c) => c.name).join(', ');
  throw new StackError(
    StackErrorCode.UNKNOWN_COMPONENT,
    'stack',
    `no component named "${name}" (known: ${known})`,
  );
}

async function busyPorts(ctx: ComponentContext, component: Component): Promise<number[]> {
  const ports = portTable(ctx.addresses).filter((p) => p.component === component.name);
  const busy: number[] = [];
  for (const spec of ports) {
    if (!(await isPortFree(ctx.addresses.host, spec.port))) busy.push(spec.port);
  }
  return busy;
}

/**
 * Waits until `component` answers its health probe, at most its start timeout. Fails early
 * when its process leaves the `online` state (it died while starting).
 */
async function awaitHealthy(
  ctx: ComponentContext,
  pm: ProcessManager,
  component: Component,
): Promise<void> {
  const deadline = Date.now() + component.startTimeoutMs;
  const logFile = logFileOf(ctx.layout, component.name);
  while (Date.now() < deadline) {
    if (await component.probe(ctx)) return;
    const proc = (await pm.list()).get(component.name);
    if (proc?.status !== 'online') {
      const status = proc?.status ?? 'gone';
      throw new StackError(
        StackErrorCode.EXITED_WHILE_STARTING,
        component.name,
        `exited while starting (${status})`,
        {
          logFile,
        },
      );
    }
    await delay(PROBE_INTERVAL_MS);
  }
  const seconds = component.startTimeoutMs / 1_000;
  throw new StackError(
    StackErrorCode.HEALTH_TIMEOUT,
    component.name,
    `not healthy after ${seconds} s`,
    { logFile },
  );
}

/**
 * Brings one component up: reuses our running process or a healthy foreign one on the same
 * ports; otherwise checks its ports are free, installs (cached), prepares and starts it.
 */
async function upOne(
  ctx: ComponentContext,
  pm: ProcessManager,
  component: Component,
): Promise<UpOutcome> {
  const ours = (await pm.list()).get(component.name);
  if (ours?.status === 'online') {
    await awaitHealthy(ctx, pm, component);
    return 'reused';
  }
  if (ours) await pm.remove(component.name);

  const busy = await busyPorts(ctx, component);
  if (busy.length > 0) {
    if (await component.probe(ctx)) return 'external';
    throw new StackError(
      StackErrorCode.PORT_IN_USE,
      component.name,
      `port ${busy.join(', ')} already in use by another process; free it or move ${component.name} (see deploy/local/README.md, "Ports")`,
    );
  }

  await component.install(ctx);
  const spec = await component.prepare(ctx);
  await pm.start(component.name, spec);
  await awaitHealthy(ctx, pm, component);
  return 'started';
}

function checkPortTable(ctx: ComponentContext): void {
  const duplicates = duplicatePorts(portTable(ctx.addresses));
  if (duplicates.length === 0) return;
  const first = duplicates[0];
  throw new StackError(
    StackErrorCode.INVALID_CONFIG,
    first?.component ?? 'stack',
    `port ${first?.port} is configured twice (${first?.envVar})`,
  );
}

/**
 * Starts every component that is not already up, in parallel, each with a bounded health
 * wait. Idempotent: a healthy running stack is reused as it is. When any component fails,
 * the ones this call started are stopped again, so nothing is left half-started; the
 * error(s) are thrown, one per failed component.
 */
export async function up(ctx: ComponentContext): Promise<Map<ComponentName, UpOutcome>> {
  checkPortTable(ctx);
  const pm = await ProcessManager.open(ctx.layout.stateDir, ctx.layout.logDir);
  try {
    const settled = await Promise.allSettled(COMPONENTS.map((c) => upOne(ctx, pm, c)));
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    const outcomes = new Map<ComponentName, UpOutcome>();
    settled.forEach((s, i) => {
      const component = COMPONENTS[i];
      if (s.status === 'fulfilled' && component) outcomes.set(component.name, s.value);
    });
    if (failures.length === 0) {
      // Every component is another checkout's: ours runs nothing, so its daemon goes too
      // (else it would outlive every command, `stack down` being the one that ends it).
      if ([...outcomes.values()].every((outcome) => outcome === 'external')) {
        await pm.shutdownDaemon();
      }
      return outcomes;
    }

    for (const [name, outcome] of outcomes) {
      if (outcome !== 'started') continue;
      ctx.progress(`${name}: stopping it again, since the stack did not come up whole`);
      await pm.remove(name);
    }
    throw failures.length === 1
      ? failures[0]
      : new AggregateError(failures, 'several components failed');
  } finally {
    pm.close();
  }
}

/**
 * Stops exactly the processes this checkout started (by pm2's record of their pids), then
 * pm2's own daemon. Returns the components that were stopped.
 */
export async function down(ctx: ComponentContext): Promise<ManagedProcess[]> {
  if (!(await ProcessManager.isDaemonRunning(ctx.layout.stateDir))) return [];
  const pm = await ProcessManager.open(ctx.layout.stateDir, ctx.layout.logDir);
  const stopped: ManagedProcess[] = [];
  try {
    const running = await pm.list();
    // Stop in reverse start order: tracing and registry first, the broker last.
    for (const component of [...COMPONENTS].reverse()) {
      const proc = running.get(component.name);
      if (!proc) continue;
      await pm.remove(component.name);
      stopped.push(proc);
    }
    await pm.shutdownDaemon();
  } finally {
    pm.close();
  }
  return stopped;
}

/** Each component's process (if ours) and health. */
export async function status(ctx: ComponentContext): Promise<ComponentStatus[]> {
  const running = await runningProcesses(ctx);
  return Promise.all(
    COMPONENTS.map(async (component) => ({
      name: component.name,
      title: component.title,
      process: running.get(component.name),
      healthy: await component.probe(ctx),
      endpoints: component.endpoints(ctx.addresses),
      logFile: logFileOf(ctx.layout, component.name),
    })),
  );
}

/** Our processes, without starting a process manager daemon when none runs. */
async function runningProcesses(ctx: ComponentContext): Promise<Map<string, ManagedProcess>> {
  if (!(await ProcessManager.isDaemonRunning(ctx.layout.stateDir))) return new Map();
  const pm = await ProcessManager.open(ctx.layout.stateDir, ctx.layout.logDir);
  try {
    return await pm.list();
  } finally {
    pm.close();
  }
}
