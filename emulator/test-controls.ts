/**
 * Test-only endpoints under `/__test/*`, enabled by `EMULATOR_TEST_CONTROLS=1` (404 otherwise).
 *
 * - `POST /__test/reset`: users, grants, sessions, e-mail outbox, counters, token policy and
 *   token-endpoint mode back to their startup state.
 * - `GET|POST /__test/token-endpoint` `{"mode":"normal"|"fail"|"hang"}`.
 * - `GET /__test/stats`: requests per path under `/oidc`; `POST /__test/stats/reset`.
 * - `GET|POST /__test/config`: token TTLs, rotation mode and reuse grace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { HttpError, readJson, sendJson } from './http';
import type { TokenEndpointMode, TokenPolicy } from './options';

/** Holds `/oidc/token` requests while the mode is `hang` (at most 60 s each). */
export class TokenEndpointGate {
  #mode: TokenEndpointMode;
  #waiters = new Set<() => void>();

  constructor(mode: TokenEndpointMode) {
    this.#mode = mode;
  }

  get mode(): TokenEndpointMode {
    return this.#mode;
  }

  set mode(mode: TokenEndpointMode) {
    this.#mode = mode;
    if (mode !== 'hang') this.releaseAll();
  }

  releaseAll(): void {
    for (const release of this.#waiters) release();
    this.#waiters.clear();
  }

  /** Resolves to whether the request may reach the provider (`normal`) or must fail (`fail`). */
  async pass(hangLimitMs = 60_000): Promise<'normal' | 'fail'> {
    if (this.#mode === 'hang') {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, hangLimitMs);
        this.#waiters.add(done);
      });
    }
    return this.#mode === 'normal' ? 'normal' : 'fail';
  }
}

/** Counts requests per path under `/oidc` (resume URLs are folded into `/oidc/auth/:uid`). */
export class OidcRequestStats {
  #counts = new Map<string, number>();
  #total = 0;

  count(path: string): void {
    const key = /^\/oidc\/auth\/[^/]+$/.test(path) ? '/oidc/auth/:uid' : path;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    this.#total += 1;
  }

  reset(): void {
    this.#counts.clear();
    this.#total = 0;
  }

  toJSON(): { total: number; byPath: Record<string, number> } {
    return { total: this.#total, byPath: Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b))) };
  }
}

export interface TestControlDependencies {
  gate: TokenEndpointGate;
  stats: OidcRequestStats;
  policy: TokenPolicy;
  reset: () => void;
}

const modes: readonly TokenEndpointMode[] = ['normal', 'fail', 'hang'];

export async function handleTestControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: TestControlDependencies,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'POST /__test/reset':
      deps.reset();
      sendJson(res, 200, { ok: true });
      return;
    case 'GET /__test/token-endpoint':
      sendJson(res, 200, { mode: deps.gate.mode });
      return;
    case 'POST /__test/token-endpoint': {
      const body = (await readJson(req)) as { mode?: unknown };
      if (!modes.includes(body.mode as TokenEndpointMode)) {
        throw new HttpError(400, '"mode" must be one of normal, fail, hang');
      }
      deps.gate.mode = body.mode as TokenEndpointMode;
      sendJson(res, 200, { mode: deps.gate.mode });
      return;
    }
    case 'GET /__test/stats':
      sendJson(res, 200, deps.stats.toJSON());
      return;
    case 'POST /__test/stats/reset':
      deps.stats.reset();
      sendJson(res, 200, deps.stats.toJSON());
      return;
    case 'GET /__test/config':
      sendJson(res, 200, deps.policy);
      return;
    case 'POST /__test/config':
      Object.assign(deps.policy, parsePolicyPatch(await readJson(req)));
      sendJson(res, 200, deps.policy);
      return;
    default:
      sendJson(res, 404, { error: 'not_found', error_description: `no test control at ${route}` });
  }
}

function parsePolicyPatch(body: unknown): Partial<TokenPolicy> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'the body must be a JSON object');
  }
  const input = body as Record<string, unknown>;
  const patch: Partial<TokenPolicy> = {};
  const problems: string[] = [];
  const integer = (key: 'accessTokenTtl' | 'refreshTokenTtl' | 'reuseGrace', min: number) => {
    const value = input[key];
    if (value === undefined) return;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) {
      patch[key] = value;
    } else {
      problems.push(`"${key}" must be an integer >= ${min}`);
    }
  };
  integer('accessTokenTtl', 1);
  integer('refreshTokenTtl', 1);
  integer('reuseGrace', 0);
  if (input.rotation !== undefined) {
    if (input.rotation === 'logto' || input.rotation === 'always') {
      patch.rotation = input.rotation;
    } else {
      problems.push('"rotation" must be "logto" or "always"');
    }
  }
  const unknown = Object.keys(input).filter((key) => !['accessTokenTtl', 'refreshTokenTtl', 'reuseGrace', 'rotation'].includes(key));
  if (unknown.length > 0) problems.push(`unknown settings: ${unknown.join(', ')}`);
  if (problems.length > 0) throw new HttpError(400, problems.join('; '));
  return patch;
}
