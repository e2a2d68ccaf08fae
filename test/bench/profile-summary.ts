// Summarises a V8 CPU profile (`--cpu-prof`) as text: where the samples fall by package and
// by function (self time), how much of the run the process sat idle, and whom Node's own
// internals worked for (their time charged to the nearest caller outside them).
//   node test/bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: node test/bench/profile-summary.ts <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

/** `node_modules/<pkg>`, a workspace folder, `node:` internals, or V8's own pseudo-frames. */
function area(url: string, name: string): string {
  if (url === '') return `(${name || 'native'})`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1] ?? url;
  const workspace = /\/work\/[^/]+\/[^/]+\/((?:packages|services|test)\/[^/]+)/.exec(url);
  if (workspace) return workspace[1] ?? url;
  return url.startsWith('node:') ? 'node internals' : url;
}

const parentOf = new Map<number, number>();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) parentOf.set(child, node.id);
}

/** The area of the nearest frame above `id` that is neither a Node internal nor native code. */
function callerArea(id: number): string {
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (frame === undefined) break;
    const where = area(frame.url, frame.functionName);
    if (where !== 'node internals' && !where.startsWith('(')) return where;
  }
  return '(no caller outside node)';
}

const byArea = new Map<string, number>();
const byCaller = new Map<string, number>();
const byFunction = new Map<string, number>();
let totalUs = 0;
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (frame === undefined) continue;
  totalUs += us;
  const where = area(frame.url, frame.functionName);
  byArea.set(where, (byArea.get(where) ?? 0) + us);
  const idle = where === '((idle))' || where === '((garbage collector))' || where === '((program))';
  const charged = idle ? where : callerArea(id);
  byCaller.set(charged, (byCaller.get(charged) ?? 0) + us);
  const fn = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}

const print = (title: string, entries: Map<string, number>) => {
  process.stdout.write(`${title}\n`);
  for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = ((us / totalUs) * 100).toFixed(1).padStart(5);
    process.stdout.write(`  ${share}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}\n`);
  }
};
process.stdout.write(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled\n`);
print('self time by area', byArea);
print('self time by area, Node internals and native code charged to their caller', byCaller);
print('self time by function', byFunction);
