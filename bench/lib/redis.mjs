// A throwaway `redis-server` for the backchannel figure: loopback only, nothing persisted, in its
// own process group like every other process the benchmark starts (processes.mjs), and a way to
// count the commands the app sends it (INFO commandstats).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { startProcess } from './processes.mjs';
import { LOGS } from './settings.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `redis-server` on PATH (Debian's package puts it in /usr/bin), or undefined. */
export function findRedisServer() {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A client for the bench's own questions (never the app's connection). */
export function redisClient(port) {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  // Failures reach the caller as rejected commands; without a listener ioredis also prints them.
  client.on('error', () => {});
  return client;
}

/**
 * Starts `redis-server` on 127.0.0.1:`port` with persistence off and resolves once it answers
 * PING. Returns the process handle (for stopProcess) and the URL the app is given.
 */
export async function startRedis({ command, port, timeoutMs = 10_000 }) {
  const handle = await startProcess({
    name: 'redis',
    command,
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    logFile: path.join(LOGS, 'redis.log'),
    // startProcess only knows HTTP readiness; a data: URL answers at once, and the PING loop
    // below is the real readiness check.
    readyUrl: 'data:,redis',
    port,
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle.exited) throw new Error(`redis-server exited before it was ready; see ${handle.logFile}`);
    const client = redisClient(port);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return { handle, url: `redis://127.0.0.1:${port}` };
    } catch {
      // not listening yet
    } finally {
      client.disconnect();
    }
    await sleep(100);
  }
  throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms; see ${handle.logFile}`);
}

/** Calls per command since the last CONFIG RESETSTAT, from INFO commandstats: `{ mget: 3, … }`. */
export async function commandCalls(client) {
  const info = await client.info('commandstats');
  const calls = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]] = Number(match[2]);
  return calls;
}

/** What `after` counted beyond `before`, leaving out commands with no new calls. */
export function callsBetween(before, after) {
  const delta = {};
  for (const [command, count] of Object.entries(after)) {
    const added = count - (before[command] ?? 0);
    if (added > 0) delta[command] = added;
  }
  return delta;
}
