/**
 * The local Logto-compatible OpenID provider. One `node:http` server serves
 * - `/oidc/*`: oidc-provider configured like Logto (discovery, auth, token, me, jwks, …),
 * - `/interaction/*` and `/callback/*`: the sign-in experience and social callbacks,
 * - `/mock/*`: the mock Postmark API and mock GitLab / Feishu / Azure AD upstreams,
 * - `/__test/*`: test controls (only when enabled).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { JWK } from 'jose';
import type Provider from 'oidc-provider';

import { MemoryStorage } from './adapter';
import { SignInExperience } from './experience/router';
import { HttpError, readForm, sendHtml, sendJson } from './http';
import { loadOrCreateSigningKey, normalizeSigningKey } from './keys';
import { toLogtoErrorBody } from './logto-dialect/error-body';
import { POSTMARK_MOUNT, PostmarkMock, type PostmarkMessage } from './mocks/postmark';
import { UpstreamMocks } from './mocks/upstreams';
import { defaultOptions, type EmulatorOptions, type TokenEndpointMode, type TokenPolicy } from './options';
import { backchannelLogoutUriFor } from './configuration';
import { createProvider } from './provider';
import { loadSeedFile, parseSeed } from './seed';
import { Store } from './store';
import { handleTestControl, OidcRequestStats, TokenEndpointGate } from './test-controls';
import { escapeHtml, page } from './views/layout';

export type { EmulatorOptions, RotationMode, TokenEndpointMode, TokenPolicy } from './options';
export type { PostmarkMessage } from './mocks/postmark';

export interface RunningEmulator {
  /** Public base URL, e.g. `http://localhost:3001`. */
  url: string;
  /** `<url>/oidc`. */
  issuer: string;
  /** The bound port. */
  port: number;
  /** `http://127.0.0.1:<port>`: the same server, reachable without DNS. */
  internalUrl: string;
  /** The first seeded application (the demo app); `backchannelLogoutUri` is the one in effect. */
  app: {
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
    backchannelLogoutUri: string | undefined;
  };
  /** Public JWK of the signing key. */
  publicJwk: JWK;
  /** Messages accepted by the mock Postmark server, oldest first (live view). */
  outbox: readonly PostmarkMessage[];
  /** Live token policy; changes apply to the next token issued. */
  policy: TokenPolicy;
  /** The in-memory tenant (users created at run time included). */
  store: Store;
  /** The underlying oidc-provider instance. */
  provider: Provider;
  setTokenEndpointMode(mode: TokenEndpointMode): void;
  /** Same as `POST /__test/reset`. */
  reset(): void;
  /** Same as `GET /__test/stats`. */
  stats(): { total: number; byPath: Record<string, number> };
  close(): Promise<void>;
}

type MountedRequest = IncomingMessage & { originalUrl?: string };

function resolveOptions(overrides: Partial<EmulatorOptions>): EmulatorOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...defaultOptions, ...defined };
}

/**
 * Starts the emulator and resolves once it listens. Nothing is written to disk except the
 * generated signing key (`<dataDir>/keys.json`) when no `signingKey` option is given.
 */
export async function startEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const options = resolveOptions(overrides);
  const signingKey = options.signingKey ? normalizeSigningKey(options.signingKey) : await loadOrCreateSigningKey(options.dataDir);

  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!handler) {
      sendJson(res, 503, { error: 'temporarily_unavailable', error_description: 'the emulator is starting' });
      return;
    }
    handler(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { error: 'invalid_request', error_description: error.message });
        return;
      }
      options.log(`internal error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) {
        sendJson(res, 500, toLogtoErrorBody({ error: 'server_error', error_description: 'an unexpected error occurred' }));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;

  const port = await listen(server, options.port, options.host);
  const bindHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const internalUrl = `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;
  const url = (options.baseUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const publicUrl = new URL(url);
  const issuer = `${url}/oidc`;

  try {
    const seed = options.seed !== undefined ? parseSeed(options.seed, url) : await loadSeedFile(options.seedPath, url);
    const store = new Store(seed);
    const storage = new MemoryStorage();
    const initialPolicy: TokenPolicy = {
      accessTokenTtl: options.accessTokenTtl,
      refreshTokenTtl: options.refreshTokenTtl,
      rotation: options.rotation,
      reuseGrace: options.reuseGrace,
    };
    const policy: TokenPolicy = { ...initialPolicy };
    const provider = createProvider({
      issuer,
      store,
      policy,
      signingKey,
      appOrigins: options.appOrigins,
      redirectUris: options.redirectUris,
      postLogoutRedirectUris: options.postLogoutRedirectUris,
      backchannelLogoutUri: options.backchannelLogoutUri,
      storage,
    });
    provider.on('backchannel.success', (_ctx, client) => {
      options.log(`back-channel logout delivered to ${client.clientId} at ${client.backchannelLogoutUri ?? ''}`);
    });
    provider.on('backchannel.error', (_ctx, error, client) => {
      options.log(`back-channel logout to ${client.clientId} at ${client.backchannelLogoutUri ?? ''} failed: ${errorMessage(error)}`);
    });
    const callback = provider.callback();

    // Server-to-server calls to the emulator's own mocks skip DNS and any proxy in front of it.
    const selfFetch: typeof fetch = (input, init) => {
      const target = new URL(input instanceof Request ? input.url : input.toString());
      if (target.origin === publicUrl.origin) {
        const local = new URL(`${target.pathname}${target.search}`, internalUrl);
        return fetch(local, init);
      }
      return fetch(input, init);
    };

    const postmark = new PostmarkMock(seed.mockUpstreams.postmark);
    const upstreams = new UpstreamMocks(seed.mockUpstreams);
    const experience = new SignInExperience({ provider, store, fetch: selfFetch, publicBaseUrl: url, log: options.log });
    const gate = new TokenEndpointGate(options.tokenEndpointMode);
    const stats = new OidcRequestStats();

    const reset = () => {
      store.reset();
      storage.clear();
      postmark.reset();
      upstreams.reset();
      experience.reset();
      stats.reset();
      Object.assign(policy, initialPolicy);
      gate.mode = options.tokenEndpointMode;
    };

    const handleOidc = async (req: MountedRequest, res: ServerResponse, target: URL) => {
      stats.count(target.pathname);
      if (target.pathname === '/oidc/token' && req.method === 'POST' && (await gate.pass()) === 'fail') {
        sendJson(
          res,
          503,
          toLogtoErrorBody({
            error: 'temporarily_unavailable',
            error_description: 'the token endpoint is unavailable (emulator test control)',
          }),
          { 'Retry-After': '1' },
        );
        return;
      }
      if (req.method === 'POST' && (target.pathname === '/oidc/auth' || target.pathname === '/oidc/session/end')) {
        // Logto's `koa-oidc-post-to-get`: a form POST to these endpoints is handled as a GET.
        for (const [key, value] of await readForm(req)) target.searchParams.append(key, value);
        req.method = 'GET';
        delete req.headers['content-type'];
        delete req.headers['content-length'];
        delete req.headers['transfer-encoding'];
      }
      splitCommaSeparatedResources(target);
      req.originalUrl = `${target.pathname}${target.search}`;
      req.url = `${target.pathname.slice('/oidc'.length) || '/'}${target.search}`;
      // The issuer and every endpoint URL use the public base URL, whatever Host the request used.
      req.headers['x-forwarded-host'] = publicUrl.host;
      req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
      await callback(req, res);
    };

    handler = async (req, res) => {
      const target = new URL(req.url ?? '/', internalUrl);
      const path = target.pathname;

      if (path === '/oidc' || path.startsWith('/oidc/')) {
        await handleOidc(req, res, target);
        return;
      }
      if (path.startsWith('/__test/')) {
        if (options.testControls) {
          await handleTestControl(req, res, path, { gate, stats, policy, reset });
        } else {
          sendJson(res, 404, { error: 'not_found', error_description: 'test controls are disabled (EMULATOR_TEST_CONTROLS=1)' });
        }
        return;
      }
      if (await experience.handleInteraction(req, res, path, target.searchParams)) return;
      if (await experience.handleCallback(req, res, path, target.searchParams)) return;
      if (path.startsWith(`${POSTMARK_MOUNT}/`) && (await postmark.handle(req, res, path))) return;
      if (await upstreams.handle(req, res, path, target.searchParams)) return;
      if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
        sendHtml(res, 200, homePage(store, issuer));
        return;
      }
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      sendJson(res, 404, { error: 'not_found', error_description: `nothing is served at ${path}` });
    };

    const [firstApp] = seed.applications;
    const { d: _privatePart, ...publicJwk } = signingKey;
    return {
      url,
      issuer,
      port,
      internalUrl,
      app: {
        clientId: firstApp?.id ?? '',
        clientSecret: firstApp?.secret ?? '',
        redirectUris: firstApp ? [...firstApp.redirectUris] : [],
        postLogoutRedirectUris: firstApp ? [...firstApp.postLogoutRedirectUris] : [],
        backchannelLogoutUri: firstApp ? backchannelLogoutUriFor(firstApp, options) : undefined,
      },
      publicJwk,
      outbox: postmark.outbox,
      policy,
      store,
      provider,
      setTokenEndpointMode: (mode) => {
        gate.mode = mode;
      },
      reset,
      stats: () => stats.toJSON(),
      close: async () => {
        gate.releaseAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      },
    };
  } catch (error) {
    server.close();
    server.closeAllConnections();
    throw error;
  }
}

/** The message of a failed back-channel delivery (undici reports the socket's reason as `cause`). */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Logto's `koa-resource-param`: `?resource=a,b` becomes `?resource=a&resource=b`. */
function splitCommaSeparatedResources(target: URL): void {
  const values = target.searchParams.getAll('resource');
  if (!values.some((value) => value.includes(','))) return;
  target.searchParams.delete('resource');
  for (const value of values.flatMap((item) => item.split(','))) {
    if (value.trim()) target.searchParams.append('resource', value.trim());
  }
}

function homePage(store: Store, issuer: string): string {
  const users = store
    .users()
    .filter((user) => user.username && user.password)
    .map((user) => `<li><code>${escapeHtml(user.username ?? '')}</code> · ${escapeHtml(user.name ?? '')}</li>`)
    .join('');
  const discovery = `${issuer}/.well-known/openid-configuration`;
  return page({
    title: 'Local Logto',
    heading: 'Local Logto emulator',
    subheading: 'An offline, Logto-compatible OpenID provider for development and tests.',
    body: `<p>Issuer: <code>${escapeHtml(issuer)}</code><br><a href="${escapeHtml(discovery)}">Discovery document</a></p>
<p>Demo accounts (password <code>Demo-Passw0rd</code>):</p><ul>${users}</ul>
<p class="muted">Sent e-mails: <a href="${POSTMARK_MOUNT}/outbox">${POSTMARK_MOUNT}/outbox</a></p>`,
  });
}
