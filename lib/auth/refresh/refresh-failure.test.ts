import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearDiscoveryCache } from '../../logto/discovery.js';
import { OidcResponseError } from '../../logto/errors.js';
import { clearJwksCache } from '../../logto/jwks.js';
import type { MockBehavior, MockRoute } from '../../logto/test-utils/mock-idp.js';
import { REFRESH_FAILURE_HEADER } from '../middleware/middleware.js';
import { SESSION_COOKIE } from '../cookies/session-cookie.js';
import { createHarness, type Harness } from '../test-utils/harness.js';
import { freezeClockPerTest } from '../test-utils/clock.js';
import { forwarded, isPassThrough } from '../test-utils/middleware-responses.js';
import { classifyRefreshError } from './refresh-failure.js';

/** Only Logto's own OAuth errors end a session; an answer that is not Logto's is an outage. */

const advance = freezeClockPerTest();
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.restore());

const html = (status: number): MockBehavior => ({
  type: 'respond',
  status,
  body: '<!doctype html><title>Sign in to the Wi-Fi</title>',
  headers: { 'content-type': 'text/html' },
});

describe('answers that are not Logto’s keep the session (an outage)', () => {
  const json = (status: number, body?: unknown): MockBehavior => ({ type: 'respond', status, body });
  it.each<[string, MockRoute, MockBehavior, string]>([
    ['a captive portal’s 200 HTML from the token endpoint', 'token', html(200), 'token.invalid_response'],
    ['a 200 JSON body that is not a token response', 'token', json(200, { status: 'ok' }), 'token.invalid_response'],
    ['a proxy’s 403 HTML page', 'token', html(403), 'token.error_response'],
    ['a proxy asking for its own credentials (407, no body)', 'token', json(407), 'token.error_response'],
    ['a gateway’s 401 JSON whose error is not an OAuth error', 'token', json(401, { error: 'Unauthorized' }), 'token.error_response'],
    ['an OAuth error body with a status OAuth never uses (404)', 'token', { type: 'oauth_error', error: 'invalid_request', status: 404 }, 'token.error_response'],
    ['a captive portal’s 200 HTML for discovery', 'discovery', html(200), 'discovery.invalid'],
    ['a discovery document naming another issuer', 'discovery', json(200, { issuer: 'https://evil.example/oidc' }), 'discovery.issuer_mismatch'],
    ['a captive portal’s 200 HTML for the signing keys', 'jwks', html(200), 'jwks.request_failed'],
  ])('%s', async (_name, route, behaviour, code) => {
    await h.signIn();
    clearDiscoveryCache();
    clearJwksCache();
    advance(3600 - 30);
    h.idp.use(route, behaviour);
    const response = await h.middleware('/protected');
    expect(isPassThrough(response)).toBe(true);
    expect(forwarded(response, REFRESH_FAILURE_HEADER)).toBe(code);
    expect(h.jar.names().some((name) => name.startsWith(SESSION_COOKIE))).toBe(true);
  });
});

describe('classifyRefreshError', () => {
  const answer = (error: string, status: number) => new OidcResponseError('token.error_response', { error, status });

  it.each([
    ['invalid_grant', 400, 'session.revoked'],
    ['invalid_client', 401, 'session.client_rejected'],
    ['unauthorized_client', 400, 'session.client_rejected'],
    ['access_denied', 403, 'session.access_denied'],
    ['invalid_request', 400, 'session.refused'],
    ['unsupported_grant_type', 400, 'session.refused'],
  ])('Logto’s %s (%i) ends the session', (error, status, reason) => {
    expect(classifyRefreshError(answer(error, status))).toMatchObject({ fatal: true, reason, error });
  });

  it.each([
    ['http_error_400', 400],
    ['http_error_403', 403],
    ['Forbidden', 403],
    ['invalid_grant', 404],
    ['invalid_grant', 502],
    ['server_error', 500],
    ['too_many_requests', 429],
  ])('%s (%i) is an outage', (error, status) => {
    expect(classifyRefreshError(answer(error, status))).toMatchObject({ fatal: false });
  });
});
