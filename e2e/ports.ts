import { execFileSync } from 'node:child_process';

/**
 * A free TCP port, found synchronously (Playwright evaluates its config in every worker, so the
 * runner picks ports once and hands them to workers through the environment).
 */
export function freePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

export function portFromEnv(name: string): number {
  const existing = process.env[name];
  if (existing) return Number(existing);
  const port = freePort();
  process.env[name] = String(port);
  return port;
}
