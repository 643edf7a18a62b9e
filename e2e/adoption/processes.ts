import { spawn } from 'node:child_process';

/** A child process the adoption test started, with its output kept for the failure message. */
export interface StartedProcess {
  readonly name: string;
  /** The last lines it wrote (stdout and stderr, interleaved). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  readonly exited: Promise<number | string>;
  /** Ends it and everything it started; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const KEPT_OUTPUT_CHARS = 20_000;
const STOP_GRACE_MS = 5_000;
const running = new Set<number>();

// A worker that exits without running afterAll (a crash) still ends what it started.
process.once('exit', () => {
  for (const pid of running) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts `command` in a process group of its own, so stopping it also ends the workers it spawns
 * (`next build` and `next start` do), and only those.
 */
export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): StartedProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const pid = child.pid;
  if (pid !== undefined) running.add(pid);

  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      keep(Buffer.from(`\n${error.message}\n`));
      resolve('spawn error');
    });
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  }).finally(() => {
    if (pid !== undefined) running.delete(pid);
  });

  return {
    name,
    output: () => output,
    exited,
    async stop() {
      if (pid === undefined || !running.has(pid)) return;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      // Workers that ignored SIGTERM after their parent left.
      killGroup(pid, 'SIGKILL');
    },
  };
}

/** Runs a command to completion; throws with its output unless it exits with 0. */
export async function runToCompletion(started: StartedProcess): Promise<void> {
  const result = await started.exited;
  if (result !== 0) throw new Error(`${started.name} failed (${result}):\n${started.output()}`);
}

/** Waits until `url` answers at all, or throws with the process's output if it exits or takes too long. */
export async function waitUntilServing(started: StartedProcess, url: string, timeoutMs: number): Promise<void> {
  let exit: number | string | undefined;
  void started.exited.then((result) => {
    exit = result;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`${started.name} exited (${exit}) before serving ${url}:\n${started.output()}`);
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${started.name} did not serve ${url} within ${timeoutMs / 1000} s:\n${started.output()}`);
}
