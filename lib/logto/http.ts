import { LogtoError, type LogtoErrorCode } from './errors.js';
import type { FetchLike } from './types.js';

/** Options shared by every function that talks to Logto. */
export interface RequestOptions {
  /** The `fetch` to use; injected so the core runs on any runtime and in tests. */
  fetch: FetchLike;
  /** Abort the request after this many milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** An extra signal from the caller (e.g. the incoming request's); either one aborts. */
  signal?: AbortSignal;
}

/** The timeout of every request to Logto unless `timeoutMs` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The protocol step a request belongs to; it names the `<step>.request_failed` error code. */
export type RequestStep = 'discovery' | 'token' | 'userinfo' | 'revocation';

const requestFailed = {
  discovery: 'discovery.request_failed',
  token: 'token.request_failed',
  userinfo: 'userinfo.request_failed',
  revocation: 'revocation.request_failed',
} as const satisfies Record<RequestStep, LogtoErrorCode>;

/** The request's abort signal: the timeout, combined with the caller's signal when there is one. */
export const timeoutSignal = (options: RequestOptions): AbortSignal => {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
};

/**
 * Sends a request with the injected `fetch` and the timeout signal.
 *
 * @throws {LogtoError} `<step>.request_failed` on a network error, abort or timeout (cause kept).
 */
export const send = async (
  step: RequestStep,
  url: string | URL,
  init: RequestInit,
  options: RequestOptions,
): Promise<Response> => {
  try {
    return await options.fetch(url, { ...init, signal: timeoutSignal(options) });
  } catch (cause) {
    throw new LogtoError(requestFailed[step], { cause });
  }
};

/** `application/x-www-form-urlencoded` encoding of one value (RFC 6749 appendix B). */
export const formUrlEncode = (value: string): string => new URLSearchParams({ v: value }).toString().slice(2);

/** `client_secret_basic`: Basic base64(urlencode(id):urlencode(secret)) (RFC 6749 section 2.3.1). */
export const basicAuthorization = (clientId: string, clientSecret: string): string =>
  `Basic ${btoa(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`)}`;

/** A form POST to a Logto endpoint, with `client_id` in the body and Basic auth when there is a secret. */
export const formRequestInit = (
  body: URLSearchParams,
  client: { clientId: string; clientSecret?: string },
): RequestInit => {
  const headers = new Headers({
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
  });
  if (client.clientSecret !== undefined) {
    headers.set('authorization', basicAuthorization(client.clientId, client.clientSecret));
  }
  body.set('client_id', client.clientId);
  return { method: 'POST', headers, body, redirect: 'manual' };
};

/** Parses a JSON body without throwing. */
export const readJson = async (
  response: Response,
): Promise<{ ok: true; value: unknown } | { ok: false; cause: unknown }> => {
  try {
    return { ok: true, value: await response.json() };
  } catch (cause) {
    return { ok: false, cause };
  }
};

/** `localhost`, `127.0.0.0/8` or `[::1]`, as `URL.hostname` writes them. */
export const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);

/** Compares two strings in time that does not depend on where they first differ. */
export const timingSafeEqual = (a: string, b: string): boolean => {
  const encoder = new TextEncoder();
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) {
    diff |= (left[i] ?? 0) ^ (right[i % (right.length || 1)] ?? 0);
  }
  return diff === 0;
};
