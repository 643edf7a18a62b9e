import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config.js';
import { LogtoError } from '../../logto/errors.js';
import { logoutTokenReplayWindowSec, verifyLogoutToken } from '../../logto/logout-token.js';
import type { LogtoContext } from '../context.js';
import { logAuthEvent } from '../log.js';
import { discover, logtoFetch } from '../logto-client.js';
import type { RevocationStore } from '../revocation/revocation-store.js';
import { NO_STORE } from './route-responses.js';

/** Larger bodies are refused unread: a logout token is a few hundred bytes. */
const MAX_BODY_BYTES = 16 * 1024;

/** Codes logged for refused deliveries; the sender only ever sees `invalid_request`. */
type RefusalCode =
  | 'backchannel_logout.content_type'
  | 'backchannel_logout.body_too_large'
  | 'backchannel_logout.missing_token'
  | 'backchannel_logout.replayed'
  | LogtoError['code'];

const ok = () => new NextResponse(null, { status: 200, headers: NO_STORE });

/** §2.8: a logout token that fails validation, without saying which check (that helps no honest sender). */
function refused(code: RefusalCode): NextResponse {
  logAuthEvent('warn', 'back-channel logout refused', undefined, { code });
  return NextResponse.json({ error: 'invalid_request' }, { status: 400, headers: NO_STORE });
}

/** §2.8: the token may be fine but the logout could not be performed (no store, no keys, no configuration). */
function notPerformed(code: string, error?: unknown): NextResponse {
  logAuthEvent('error', 'back-channel logout could not be performed', error, { code });
  return NextResponse.json({ error: 'logout_not_performed' }, { status: 501, headers: NO_STORE });
}

/**
 * The body as text, or `undefined` once it passes `limit` bytes: a chunked body (no
 * `Content-Length`) is read as it streams and abandoned at the limit, never buffered whole.
 */
async function readAtMost(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** The `logout_token` of a form-encoded body, or why there is none. */
async function readLogoutToken(request: NextRequest): Promise<string | RefusalCode> {
  const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return 'backchannel_logout.content_type';
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return 'backchannel_logout.body_too_large';
  const body = await readAtMost(request, MAX_BODY_BYTES);
  if (body === undefined) return 'backchannel_logout.body_too_large';
  const tokens = new URLSearchParams(body).getAll('logout_token');
  return tokens.length === 1 && tokens[0] ? tokens[0] : 'backchannel_logout.missing_token';
}

/** A failed verification: the token's fault (400), or ours (the keys could not be fetched: 501). */
function verificationFailure(error: unknown): NextResponse {
  if (error instanceof LogtoError && (error.code === 'jwks.request_failed' || error.code.startsWith('discovery.'))) {
    return notPerformed(error.code, error);
  }
  if (error instanceof LogtoError) return refused(error.code);
  return notPerformed('backchannel_logout.unexpected', error);
}

/**
 * `POST` back-channel logout (OpenID Connect Back-Channel Logout 1.0 §2.5–2.8): Logto sends a
 * signed logout token when the user's Logto session ends (signed out in any app, or ended by an
 * administrator). A valid, unseen token revokes the session it names (`sid`), or every session of
 * its user (`sub`) signed in before it, in the revocation store; readers then read those sessions
 * as signed out, and the middleware ends them. 200 on success, 400 `invalid_request` for a token
 * that fails any check (the reason is logged by code, never sent), 501 when the logout could not
 * be recorded (the store, Logto's keys or the configuration failed). Never any other 5xx.
 * @see https://openid.net/specs/openid-connect-backchannel-1_0.html
 */
export async function handleBackchannelLogout(context: LogtoContext, request: NextRequest): Promise<Response> {
  let config: LogtoConfig;
  let store: RevocationStore | null;
  try {
    config = context.config();
    store = context.revocations(config);
  } catch (error) {
    return notPerformed(error instanceof LogtoError ? error.code : 'config.invalid', error);
  }
  if (!store) return notPerformed('backchannel_logout.off');

  const token = await readLogoutToken(request).catch((): RefusalCode => 'backchannel_logout.missing_token');
  if (token.startsWith('backchannel_logout.')) return refused(token as RefusalCode);

  let claims;
  try {
    const discovery = await discover(config);
    claims = await verifyLogoutToken(token, { discovery, clientId: config.appId, fetch: logtoFetch() });
  } catch (error) {
    return verificationFailure(error);
  }

  const now = Math.floor(Date.now() / 1000);
  try {
    // §2.6 step 8: a jti seen before is a replay. Remembered for as long as the token would be accepted.
    if (!(await store.rememberJti(claims.jti, logoutTokenReplayWindowSec()))) return refused('backchannel_logout.replayed');
    // A `sub`-only logout ends the sessions signed in before it was issued; never one signed in later.
    await store.revoke({ sid: claims.sid, sub: claims.sub, at: Math.min(claims.iat, now) });
  } catch (error) {
    return notPerformed('backchannel_logout.store_unavailable', error);
  }
  logAuthEvent('info', 'back-channel logout recorded', undefined, { by: claims.sid ? 'sid' : 'sub' });
  return ok();
}
