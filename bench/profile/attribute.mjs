// Attributes a CPU profile's samples to the request's steps by what is on the stack: whether the
// sample is inside the middleware's Edge sandbox, inside WebCrypto (and which operation), inside
// the render, in the garbage collector, and so on. Minified bundles keep no useful function names,
// so the attribution goes by script URL and by the Node internals below them, which keep theirs.
//
//   node bench/profile/attribute.mjs <file.cpuprofile> [requests]
import { readFileSync } from 'node:fs';
import { profileTree } from './summarize.mjs';

const isEdge = (url) => /\.next\/server\/edge\//.test(url) || /next\/dist\/compiled\/edge-runtime/.test(url) || /next\/dist\/server\/web\//.test(url) || url.startsWith('evalmachine');
const cryptoOp = (frame) => {
  if (!/^node:internal\/crypto\//.test(frame.url)) return undefined;
  const name = frame.functionName;
  if (/pbkdf2|deriveBits/i.test(name) || /pbkdf2/.test(frame.url)) return 'PBKDF2';
  if (/importKey|importGenericSecret|hmacImportKey|aesImportKey/i.test(name)) return 'importKey';
  if (/hmac|sign|verify/i.test(name) || /mac\.js/.test(frame.url)) return 'HMAC';
  if (/cipher|aes|decrypt|encrypt/i.test(name) || /aes\.js|cipher/.test(frame.url)) return 'AES';
  if (/digest|hash/i.test(name)) return 'digest';
  return 'other WebCrypto';
};

export function attribute(profile) {
  const { byId, parent } = profileTree(profile);
  const memo = new Map();
  const classify = (id) => {
    if (memo.has(id)) return memo.get(id);
    const stack = [];
    for (let current = id; current !== undefined; current = parent.get(current)) stack.push(byId.get(current).callFrame);
    const leaf = stack[0];
    const special = ['(garbage collector)', '(idle)', '(program)'].find((name) => leaf.functionName === name);
    let where = special ?? (stack.some((frame) => isEdge(frame.url)) ? 'middleware (Edge sandbox)' : 'server (Node)');
    const op = stack.map(cryptoOp).find(Boolean);
    const result = { where, crypto: op };
    memo.set(id, result);
    return result;
  };
  const totals = new Map();
  const add = (key, us) => totals.set(key, (totals.get(key) ?? 0) + us);
  const { samples, timeDeltas } = profile;
  let total = 0;
  for (let index = 0; index < samples.length; index += 1) {
    const us = timeDeltas[index + 1] ?? 0;
    const { where, crypto } = classify(samples[index]);
    total += us;
    add(where, us);
    if (crypto) add(`${where} › WebCrypto ${crypto}`, us);
  }
  return { totalUs: total, totals: Object.fromEntries([...totals].sort((a, b) => b[1] - a[1])) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, requestsArg] = process.argv.slice(2);
  const { totalUs, totals } = attribute(JSON.parse(readFileSync(file, 'utf8')));
  const requests = Number(requestsArg) || 0;
  console.log(`total ${Math.round(totalUs / 1000)} ms${requests ? `, ${requests} requests` : ''}`);
  for (const [key, us] of Object.entries(totals)) {
    console.log(`${String(Math.round(us / 1000)).padStart(8)} ms ${String(Math.round((1000 * us) / totalUs) / 10).padStart(5)} %${requests ? `  ${String(Math.round(us / requests)).padStart(6)} µs/req` : ''}  ${key}`);
  }
}
