import { describe, expect, it } from 'vitest';

import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import { OidcResponseError } from './errors.js';
import { processRevocationResponse, revocationRequest } from './revocation.js';
import { rejectedCode, rejection } from './test-utils/errors.js';
import { createMockIdp } from './test-utils/mock-idp.js';
import { codeGrantRequest, processTokenResponse } from './token.js';

const redirectUri = 'https://app.example.com/cb';

const setup = async () => {
  const idp = await createMockIdp();
  const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
  clearDiscoveryCache();
  return { idp, discovery, client: { clientId: idp.clientId, clientSecret: idp.clientSecret } };
};

describe('revocation', () => {
  it('revokes a refresh token (200 with an empty body is success)', async () => {
    const { idp, discovery, client } = await setup();
    const code = idp.issueCode({ redirectUri });
    const tokens = await processTokenResponse(
      await codeGrantRequest(discovery, { ...client, code, codeVerifier: 'v'.repeat(43), redirectUri }, { fetch: idp.fetch }),
      { requestedAt: 0 },
    );
    const refreshToken = tokens.refreshToken ?? '';
    expect(idp.isRefreshTokenActive(refreshToken)).toBe(true);

    const response = await revocationRequest(
      discovery,
      { ...client, token: refreshToken, tokenTypeHint: 'refresh_token' },
      { fetch: idp.fetch },
    );
    await expect(processRevocationResponse(response)).resolves.toBeUndefined();
    expect(idp.isRefreshTokenActive(refreshToken)).toBe(false);
    const request = idp.requests.at(-1);
    expect(request?.url.href).toBe(discovery.revocation_endpoint);
    expect(request?.headers.get('authorization')).toBe(`Basic ${btoa('mock-app:mock-secret')}`);
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      token: refreshToken,
      token_type_hint: 'refresh_token',
      client_id: 'mock-app',
    });
  });

  it('reports an OAuth error (Logto 1.42 refuses JWT access tokens)', async () => {
    const { idp, discovery, client } = await setup();
    const response = await revocationRequest(discovery, { ...client, token: await idp.signAccessToken() }, { fetch: idp.fetch });
    const error = await rejection(processRevocationResponse(response));
    expect(error).toBeInstanceOf(OidcResponseError);
    expect(error).toMatchObject({ code: 'revocation.error_response', error: 'unsupported_token_type', status: 400 });
  });

  it('maps network failures to revocation.request_failed', async () => {
    const { idp, discovery, client } = await setup();
    idp.use('revocation', { type: 'network_error' });
    expect(await rejectedCode(revocationRequest(discovery, { ...client, token: 't' }, { fetch: idp.fetch }))).toBe(
      'revocation.request_failed',
    );
  });
});
