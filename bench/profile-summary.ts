/**
 * Where a CPU profile's time went: `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]` prints
 * the functions with the most self time, and self time summed by package or source folder (what
 * the lead looks at to decide what to change). Profiles come from BENCH_CPU_PROF (see
 * serve-storefront.ts) or `node --cpu-prof`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const total = profile.samples.length;

const where = (url: string, name: string) => {
  if (name === '(garbage collector)') return '(garbage collector)';
  if (!url) return '(native: V8 built-ins, I/O)';
  if (url.startsWith('wasm://')) return "wasm (PGlite's PostgreSQL)";
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1]!;
  const src = url.match(/\/(src|bench)\/(.+)$/);
  if (src) return `${src[1]}/${src[2]!.split('/').slice(0, -1).join('/') || '.'}`;
  if (url.startsWith('node:')) return 'node:internal';
  return url;
};
const short = (url: string) => url.replace(/^.*\/(node_modules|src|bench)\//, '$1/');

// Shares are of the time the process was busy: idle time says nothing about where the work goes.
const notWork = new Set(['(idle)', '(program)']);
const byFunction = new Map<string, number>();
const byArea = new Map<string, number>();
let busy = 0;
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  const { functionName, url, lineNumber } = n.callFrame;
  if (!hits || notWork.has(functionName)) continue;
  busy += hits;
  const key = `${functionName || '(anonymous)'}  ${short(url)}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  const area = where(url, functionName);
  byArea.set(area, (byArea.get(area) ?? 0) + hits);
}
const pct = (hits: number) => `${((100 * hits) / busy).toFixed(1).padStart(5)} %`;
const seconds = (profile.endTime - profile.startTime) / 1e6;
console.log(
  `${file}: ${total} samples over ${seconds.toFixed(1)} s, busy ${((100 * busy) / total).toFixed(0)} % of it; shares of the busy time.`,
);
console.log('\nself time by package or folder:');
for (const [k, v] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
console.log('\nfunctions with the most self time:');
for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);

// Inclusive time of the app's own functions (src/): each sample counted once per function on its
// stack. Synchronous stacks only: time a function spends awaiting is not on them.
const parent = new Map<number, ProfileNode>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
const keyOf = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'}  ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const inclusive = new Map<string, number>();
for (const id of profile.samples) {
  let n = byId.get(id);
  if (!n || notWork.has(n.callFrame.functionName)) continue;
  const seen = new Set<string>();
  for (; n; n = parent.get(n.id)) if (/\/src\//.test(n.callFrame.url)) seen.add(keyOf(n));
  for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
}
console.log('\napp functions (src/) by inclusive time:');
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
