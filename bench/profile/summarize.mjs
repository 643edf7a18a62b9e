// Summarises a V8 CPU profile (`node --cpu-prof`, Chrome DevTools format): self time by
// function and by where the code comes from, so a profile can be read without DevTools.
//
//   node bench/profile/summarize.mjs <file.cpuprofile> [--top 30] [--steps fnA,fnB] [--json]
import { readFileSync } from 'node:fs';

/** Where a function's code comes from, from its script URL. */
export function origin(url) {
  if (!url) return '(native / idle / gc)';
  if (url.startsWith('node:')) return 'node internals';
  const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (packageName) return packageName === 'next' ? nextPart(url) : packageName;
  if (/\/lib\/(auth|logto|config)/.test(url) || /next-logto/.test(url)) return 'next-logto (lib/)';
  if (/\.next\/server\/(edge|middleware|src_middleware)|edge-runtime-webpack|middleware\.js/.test(url)) return 'middleware bundle (Edge sandbox)';
  if (/\.next\/server/.test(url)) return 'app server bundles';
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

function nextPart(url) {
  const part = /next\/dist\/(compiled\/[^/]+|server\/[^/]+|[^/]+)/.exec(url)?.[1] ?? 'next';
  return `next/${part}`;
}

/** Self time per node id, in µs, from the samples and their time deltas. */
function selfTimes(profile) {
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let index = 0; index < samples.length; index += 1) {
    const delta = timeDeltas[index + 1] ?? 0;
    self.set(samples[index], (self.get(samples[index]) ?? 0) + delta);
  }
  return self;
}

/** A profile's nodes by id, and each node's parent id. */
export function profileTree(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return { byId, parent };
}

/**
 * Inclusive time of each function named in `steps` (its own time and everything it called), a
 * call nested in another call of the same name counted once.
 */
export function inclusive(profile, steps) {
  const self = selfTimes(profile);
  const { byId, parent } = profileTree(profile);
  const subtree = new Map();
  const total = (id) => {
    if (subtree.has(id)) return subtree.get(id);
    const node = byId.get(id);
    const value = (self.get(id) ?? 0) + (node.children ?? []).reduce((sum, child) => sum + total(child), 0);
    subtree.set(id, value);
    return value;
  };
  const result = {};
  for (const step of steps) {
    let us = 0;
    for (const node of profile.nodes) {
      if (node.callFrame.functionName !== step) continue;
      let ancestor = parent.get(node.id);
      let nested = false;
      while (ancestor !== undefined) {
        if (byId.get(ancestor).callFrame.functionName === step) {
          nested = true;
          break;
        }
        ancestor = parent.get(ancestor);
      }
      if (!nested) us += total(node.id);
    }
    result[step] = Math.round(us / 100) / 10;
  }
  return result;
}

export function summarize(profile, top = 30) {
  const self = selfTimes(profile);
  const byFunction = new Map();
  const byOrigin = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const time = self.get(node.id) ?? 0;
    if (!time) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
    const where = ['(idle)', '(program)', '(garbage collector)'].includes(functionName) ? functionName : origin(url);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + time);
    total += time;
  }
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, percent: Math.round((1000 * us) / total) / 10 }));
  return { totalMs: Math.round(total / 1000), byOrigin: rank(byOrigin), byFunction: rank(byFunction) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) throw new Error('usage: node bench/profile/summarize.mjs <file.cpuprofile> [--top N] [--json]');
  const top = Number(rest[rest.indexOf('--top') + 1]) || 30;
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const result = summarize(profile, top);
  const stepsArg = rest.indexOf('--steps');
  if (stepsArg >= 0) result.inclusiveMs = inclusive(profile, rest[stepsArg + 1].split(','));
  if (rest.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`total ${result.totalMs} ms sampled`);
    console.log('\nby origin (self time)');
    for (const row of result.byOrigin) console.log(`${String(row.ms).padStart(9)} ms ${String(row.percent).padStart(5)} %  ${row.name}`);
    console.log('\nby function (self time)');
    for (const row of result.byFunction) console.log(`${String(row.ms).padStart(9)} ms ${String(row.percent).padStart(5)} %  ${row.name}`);
    if (result.inclusiveMs) {
      console.log('\ninclusive (ms)');
      for (const [step, ms] of Object.entries(result.inclusiveMs)) console.log(`${String(ms).padStart(9)} ms  ${step}`);
    }
  }
}
