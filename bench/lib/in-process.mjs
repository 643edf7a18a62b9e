// Runs one of the in-process TypeScript parts (`bench/*.ts`, under tsx) to completion and returns
// the JSON line it printed last. Its output goes to bench/.tmp/logs/<name>.log.
import path from 'node:path';
import { runNode } from './processes.mjs';
import { LOGS, ROOT } from './settings.mjs';

export async function runInProcess(name, { env = {}, timeoutMs } = {}) {
  const output = await runNode(['--import', 'tsx', `bench/${name}.ts`], {
    cwd: ROOT,
    env,
    logFile: path.join(LOGS, `${name}.log`),
    timeoutMs, // undefined: runNode's default
  });
  return JSON.parse(output.trim().split('\n').at(-1));
}
