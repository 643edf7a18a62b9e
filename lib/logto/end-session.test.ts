import { describe, expect, it } from 'vitest';

import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import { buildEndSessionUrl } from './end-session.js';
import { createMockIdp } from './test-utils/mock-idp.js';

const setup = async () => {
  const idp = await createMockIdp();
  const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
  clearDiscoveryCache();
  return { idp, discovery };
};

describe('buildEndSessionUrl', () => {
  it('sends client_id and post_logout_redirect_uri, plus id_token_hint and state when given', async () => {
    const { idp, discovery } = await setup();
    const url = buildEndSessionUrl(discovery, { clientId: idp.clientId, postLogoutRedirectUri: 'https://app.example.com/' });
    expect(url.href).toBe(
      `${idp.issuer}/session/end?client_id=mock-app&post_logout_redirect_uri=${encodeURIComponent('https://app.example.com/')}`,
    );
    const full = buildEndSessionUrl(discovery, {
      clientId: idp.clientId,
      postLogoutRedirectUri: 'https://app.example.com/',
      idTokenHint: 'a.b.c',
      state: 's1',
    });
    expect([...full.searchParams]).toEqual([
      ['client_id', 'mock-app'],
      ['post_logout_redirect_uri', 'https://app.example.com/'],
      ['id_token_hint', 'a.b.c'],
      ['state', 's1'],
    ]);
    const back = await idp.fetch(full);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('https://app.example.com/?state=s1');
    expect(() => buildEndSessionUrl(discovery, { clientId: '', postLogoutRedirectUri: 'x' })).toThrow(TypeError);
  });
});
