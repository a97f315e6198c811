/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by file,
 * and total (inclusive) time of chosen functions.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/ledger.ts --only library-spread --no-memory
 *   node --import tsx bench/cpuprofile-summary.ts /tmp/prof/CPU.*.cpuprofile [top] [--last SECONDS]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
// --last S: only the samples of the profile's last S seconds (the measured phase after a set-up).
const lastAt = args.indexOf('--last');
const lastSeconds = lastAt >= 0 ? Number(args.splice(lastAt, 2)[1]) : undefined;
const [file, topArg] = args;
if (!file) throw new Error('usage: cpuprofile-summary.ts FILE.cpuprofile [top] [--last SECONDS]');
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfUs = new Map<number, number>();
const fromUs = lastSeconds === undefined ? profile.startTime : profile.endTime - lastSeconds * 1e6;
let atUs = profile.startTime;
for (let index = 0; index < profile.samples.length; index += 1) {
  const id = profile.samples[index] as number;
  atUs += profile.timeDeltas[index] ?? 0;
  if (atUs < fromUs) continue;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}
const totalUs = profile.endTime - Math.max(profile.startTime, fromUs);

const shortUrl = (url: string): string => url.replace(/^file:\/\/.*?\/(src|bench|node_modules)\//, '$1/').replace(/^node:/, 'node:');
const label = (node: ProfileNode): string => `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

const selfByFunction = new Map<string, number>();
const selfByFile = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const name = label(node);
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + us);
  const fileName = shortUrl(node.callFrame.url) || node.callFrame.functionName;
  selfByFile.set(fileName, (selfByFile.get(fileName) ?? 0) + us);
  // Inclusive: every distinct function on the stack gets the sample once.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at);
    if (!frame) break;
    const frameName = label(frame);
    if (seen.has(frameName)) continue;
    seen.add(frameName);
    inclusive.set(frameName, (inclusive.get(frameName) ?? 0) + us);
  }
}

const print = (title: string, map: Map<string, number>, count: number): void => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
};

console.log(`profile ${file}: ${(totalUs / 1e6).toFixed(1)} s`);
print('self time by file', selfByFile, 25);
print('self time by function', selfByFunction, top);
print('inclusive time by function', inclusive, top);
