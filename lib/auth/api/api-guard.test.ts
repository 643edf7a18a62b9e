import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogtoError } from '../../logto/errors';
import type { ProtectedApiHandler } from './api-guard';
import { APP_ORIGIN, createHarness, RESOURCE, type Harness } from '../test-utils/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.restore());

const call = (handler: ProtectedApiHandler, token?: string) =>
  h.logto.protectApi({ audience: () => RESOURCE, requiredScopes: ['read'] }, handler)(
    new NextRequest(new URL('/api/things', APP_ORIGIN), { headers: token ? { authorization: `Bearer ${token}` } : {} }),
  );

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
