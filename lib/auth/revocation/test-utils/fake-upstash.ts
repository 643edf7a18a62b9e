import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server speaking the Upstash Redis REST protocol for the commands the
 * revocation store sends through `@upstash/redis`: `POST /` with `["CMD", ...args]` answering
 * `{ result }`, `POST /pipeline` with a list of commands answering a list of `{ result }`, a
 * bearer token, and base64-encoded strings when the client sends `Upstash-Encoding: base64`.
 * Commands: PING, GET, MGET, SET (EX, PX, NX, XX), EXISTS, DEL, UNLINK, TTL.
 */
export interface FakeUpstash {
  url: string;
  token: string;
  /** Every command received, upper-cased name first. */
  commands: string[][];
  /** The remaining lifetime of `key` in seconds, as Redis's TTL answers (-2 absent, -1 none). */
  ttl(key: string): number;
  stop(): Promise<void>;
}

type Reply = string | number | null | Reply[];

export async function startFakeUpstash(token = 'test-token'): Promise<FakeUpstash> {
  const entries = new Map<string, { value: string; expiresAt?: number }>();
  const commands: string[][] = [];

  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const ttl = (key: string) => {
    const entry = live(key);
    if (!entry) return -2;
    return entry.expiresAt === undefined ? -1 : Math.ceil((entry.expiresAt - Date.now()) / 1000);
  };

  const run = (command: string[]): Reply => {
    const [name = '', ...args] = command;
    commands.push([name.toUpperCase(), ...args]);
    switch (name.toUpperCase()) {
      case 'PING':
        return 'PONG';
      case 'GET':
        return live(args[0] ?? '')?.value ?? null;
      case 'MGET':
        return args.map((key) => live(key)?.value ?? null);
      case 'EXISTS':
        return args.filter((key) => live(key)).length;
      case 'DEL':
      case 'UNLINK':
        return args.filter((key) => live(key) && entries.delete(key)).length;
      case 'TTL':
        return ttl(args[0] ?? '');
      case 'SET': {
        const [key = '', value = '', ...flags] = args;
        let expiresAt: number | undefined;
        let onlyIfAbsent = false;
        let onlyIfPresent = false;
        for (let index = 0; index < flags.length; index += 1) {
          const flag = flags[index]?.toUpperCase();
          if (flag === 'EX') expiresAt = Date.now() + Number(flags[(index += 1)]) * 1000;
          else if (flag === 'PX') expiresAt = Date.now() + Number(flags[(index += 1)]);
          else if (flag === 'NX') onlyIfAbsent = true;
          else if (flag === 'XX') onlyIfPresent = true;
          else throw new Error(`ERR syntax error`);
        }
        if ((onlyIfAbsent && live(key)) || (onlyIfPresent && !live(key))) return null;
        entries.set(key, { value, expiresAt });
        return 'OK';
      }
      default:
        throw new Error(`ERR unknown command '${name}'`);
    }
  };

  const encode = (reply: Reply, base64: boolean): Reply => {
    if (!base64) return reply;
    if (Array.isArray(reply)) return reply.map((item) => encode(item, base64));
    // The client leaves "OK" as it is and decodes every other string.
    return typeof reply === 'string' && reply !== 'OK' ? Buffer.from(reply, 'utf8').toString('base64') : reply;
  };

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return answer(response, 405, { error: 'method not allowed' });
    if (request.headers.authorization !== `Bearer ${token}`) return answer(response, 401, { error: 'Unauthorized' });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const runOne = (command: unknown) => {
      try {
        return { result: encode(run((command as unknown[]).map(String)), base64) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/pipeline') return answer(response, 200, (body as unknown[]).map(runOne));
    if (path === '/') {
      const reply = runOne(body);
      return answer(response, 'error' in reply ? 400 : 200, reply);
    }
    return answer(response, 404, { error: 'not found' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => answer(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    commands,
    ttl,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
