// Child processes for the benchmark: each in its own process group, so stopping one stops
// everything it started (next start may fork), and every port they held is closed afterwards.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function isPortOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process the benchmark started and has not yet stopped. */
const running = new Set();

/**
 * Starts `command args` in its own process group, logging stdout and stderr to `logFile`.
 * Resolves once `readyUrl` answers (any status below 500), rejects if the process exits first or
 * `timeoutMs` passes.
 */
export async function startProcess({ name, command, args, env, cwd, logFile, readyUrl, port, timeoutMs = 60_000 }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'w' });
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true, // own process group: killGroup() reaches its children too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Both streams into one file: whichever ends first must not end the file under the other.
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.once('close', () => log.end());
  const handle = { name, child, port, logFile, exited: false };
  running.add(handle);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      handle.exited = true;
      resolve({ code, signal });
    }),
  );
  handle.exitPromise = exited;

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle.exited) {
      const { code, signal } = await exited;
      throw new Error(`${name} exited (${signal ?? code}) before it was ready; see ${logFile}`);
    }
    try {
      const response = await fetch(readyUrl, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status < 500) return handle;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  await stopProcess(handle);
  throw new Error(`${name} was not ready at ${readyUrl} within ${timeoutMs} ms; see ${logFile}`);
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; waits until the port is closed. */
export async function stopProcess(handle, graceMs = 5_000) {
  if (!running.has(handle)) return;
  const pid = handle.child.pid;
  const signalGroup = (signal) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // group already gone
    }
  };
  if (!handle.exited) {
    signalGroup('SIGTERM');
    await Promise.race([handle.exitPromise, sleep(graceMs)]);
  }
  // Whatever the leader did, make sure no member of its group survives.
  signalGroup('SIGKILL');
  if (!handle.exited) await Promise.race([handle.exitPromise, sleep(2_000)]);
  if (handle.port) {
    for (let attempt = 0; attempt < 20 && (await isPortOpen(handle.port)); attempt += 1) await sleep(100);
  }
  running.delete(handle);
}

/** Stops every process still running (used in `finally` and on signals). */
export async function stopAll() {
  await Promise.all([...running].map((handle) => stopProcess(handle)));
}

/** Synchronous last resort for `process.on('exit')`: SIGKILL every group still registered. */
export function killAllSync() {
  for (const handle of running) {
    try {
      process.kill(-handle.child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** Runs `node args` to completion, returning stdout; rejects on a non-zero exit. */
export function runNode(args, { cwd, env, timeoutMs = 120_000, logFile } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const handle = { name: args.join(' '), child, exited: false };
    handle.exitPromise = new Promise((done) => child.once('exit', () => done()));
    running.add(handle);
    const log = logFile ? createWriteStream(logFile, { flags: 'w' }) : undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      log?.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      log?.write(chunk);
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      handle.exited = true;
      running.delete(handle);
      log?.end();
      if (code === 0) resolve(stdout);
      else reject(new Error(`node ${args.join(' ')} failed (${signal ?? code}):\n${stderr.slice(-4000)}`));
    });
  });
}
