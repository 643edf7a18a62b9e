// many-organizations: a member of 20 organizations browsing, in-process (bench/many-organizations.ts).
import { runInProcess } from '../lib/in-process.mjs';
import { log } from '../lib/log.mjs';

export function manyOrganizations() {
  log('many-organizations …');
  return runInProcess('many-organizations', { timeoutMs: 120_000 });
}
