import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogtoError } from '../../logto/errors.js';
import type { ProtectedApiHandler } from './api-guard.js';
import { APP_ORIGIN, createHarness, ORGANIZATION, RESOURCE, type Harness } from '../test-utils/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.restore());

const request = (path: string, token?: string, headers: Record<string, string> = {}) =>
  new NextRequest(new URL(path, APP_ORIGIN), { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
const routeContext = <Params extends object>(params: Params) => ({ params: Promise.resolve(params) });

const call = (handler: ProtectedApiHandler, token?: string) =>
  h.logto.protectApi({ audience: () => RESOURCE, requiredScopes: ['read'] }, handler)(request('/api/things', token), routeContext({}));

/** An organization-level API at /api/organizations/[id]/things, its organization from the path. */
const callForOrganization = (id: string, token?: string) =>
  h.logto.protectApi({ audience: RESOURCE, requiredScopes: ['read'], organization: { param: 'id' } }, (_request, claims, { params }) =>
    params.then(({ id: fromPath }) => Response.json({ organization: claims.organization_id, fromPath })),
  )(request(`/api/organizations/${id}/things`, token), routeContext({ id }));

const bodyOf = async (response: Response) => ({
  status: response.status,
  body: (await response.json()) as { error: string },
  challenge: response.headers.get('www-authenticate'),
});

describe('protectApi', () => {
  it('hands the verified claims to the handler', async () => {
    const response = await call((_request, claims) => Response.json({ sub: claims.sub }), await h.idp.signAccessToken());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sub: h.idp.subject });
  });

  it('answers 401 and 403 with WWW-Authenticate for token problems', async () => {
    const missing = await call(() => Response.json({}));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const noScope = await call(() => Response.json({}), await h.idp.signAccessToken({ scope: 'write' }));
    expect(noScope.status).toBe(403);
    const noTyp = await call(() => Response.json({}), await h.idp.signAccessToken({}, { typ: undefined }));
    expect(noTyp.status).toBe(401);
  });

  it('lets an error of the app’s own handler through, even a LogtoError, instead of calling it a token problem', async () => {
    const failure = new LogtoError('session.missing');
    await expect(
      call(() => {
        throw failure;
      }, await h.idp.signAccessToken()),
    ).rejects.toBe(failure);
  });
});

describe('protectApi and organizations', () => {
  const insufficient = expect.stringMatching(/^Bearer realm="https:\/\/api\.example\.com", error="insufficient_scope", error_description="[^"]+"$/);

  it('makes a global API (no organization option) refuse an organization-scoped token with 403', async () => {
    const scoped = await h.idp.signAccessToken({ scope: 'read', organization_id: ORGANIZATION });
    const handled = vi.fn(() => Response.json({}));
    expect(await bodyOf(await call(handled, scoped))).toEqual({
      status: 403,
      body: expect.objectContaining({ error: 'organization_not_allowed' }),
      challenge: insufficient,
    });
    expect(handled).not.toHaveBeenCalled();
  });

  it('serves an organization-level API to a token of the organization in the path', async () => {
    const token = await h.idp.signAccessToken({ scope: 'read', organization_id: ORGANIZATION });
    const response = await callForOrganization(ORGANIZATION, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ organization: ORGANIZATION, fromPath: ORGANIZATION });
  });

  it('answers 403 for another organization’s token and for a global token, with insufficient_scope', async () => {
    const other = await h.idp.signAccessToken({ scope: 'read', organization_id: 'another-organization' });
    expect(await bodyOf(await callForOrganization(ORGANIZATION, other))).toEqual({
      status: 403,
      body: expect.objectContaining({ error: 'organization_mismatch' }),
      challenge: insufficient,
    });
    const global = await h.idp.signAccessToken({ scope: 'read' });
    expect(await bodyOf(await callForOrganization(ORGANIZATION, global))).toEqual({
      status: 403,
      body: expect.objectContaining({ error: 'organization_required' }),
      challenge: insufficient,
    });
  });

  it('checks the organization before the scopes, and still the scopes of the right organization', async () => {
    const otherWithoutScope = await h.idp.signAccessToken({ scope: '', organization_id: 'another-organization' });
    expect((await bodyOf(await callForOrganization(ORGANIZATION, otherWithoutScope))).body.error).toBe('organization_mismatch');
    const ownWithoutScope = await h.idp.signAccessToken({ scope: 'write', organization_id: ORGANIZATION });
    expect((await bodyOf(await callForOrganization(ORGANIZATION, ownWithoutScope))).body.error).toBe('insufficient_scope');
  });

  it('answers 401 without a token before looking at the organization, and 400 when the request names none', async () => {
    expect((await callForOrganization('')).status).toBe(401);
    const token = await h.idp.signAccessToken({ scope: 'read', organization_id: ORGANIZATION });
    expect(await bodyOf(await callForOrganization('', token))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('reads the organization with a function of the request, and lets its errors through', async () => {
    const token = await h.idp.signAccessToken({ scope: 'read', organization_id: ORGANIZATION });
    const fromHeader = h.logto.protectApi(
      { audience: RESOURCE, organization: (request) => request.headers.get('x-organization-id') },
      () => Response.json({ ok: true }),
    );
    expect((await fromHeader(request('/api/things', token, { 'x-organization-id': ORGANIZATION }), routeContext({}))).status).toBe(200);
    expect((await fromHeader(request('/api/things', token, { 'x-organization-id': 'x' }), routeContext({}))).status).toBe(403);
    expect((await fromHeader(request('/api/things', token), routeContext({}))).status).toBe(400);
    const failure = new Error('organization lookup failed');
    const failing = h.logto.protectApi({ audience: RESOURCE, organization: () => Promise.reject(failure) }, () => Response.json({}));
    await expect(failing(request('/api/things', token), routeContext({}))).rejects.toBe(failure);
  });

  it('never reads a route param from the prototype', async () => {
    const token = await h.idp.signAccessToken({ scope: 'read', organization_id: '[object Object]' });
    const guarded = h.logto.protectApi({ audience: RESOURCE, organization: { param: 'constructor' } }, () => Response.json({}));
    // The type says the segment exists (a wrong name in a real route fails Next's route types).
    const noSuchSegment = routeContext(JSON.parse('{}') as Record<'constructor', string>);
    expect((await guarded(request('/api/things', token), noSuchSegment)).status).toBe(400);
  });
});

describe('protectApi and RFC 9068 claims', () => {
  it.each([
    ['client_id', { client_id: undefined }],
    ['jti', { jti: undefined }],
  ])('answers 401 invalid_token for a token without %s', async (_name, claims) => {
    const response = await call(() => Response.json({}), await h.idp.signAccessToken(claims));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

