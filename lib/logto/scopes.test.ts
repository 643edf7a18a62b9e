import { describe, expect, it } from 'vitest';

import {
  buildOrganizationUrn,
  getOrganizationIdFromUrn,
  organizationUrnPrefix,
  ReservedResource,
  ReservedScope,
  UserScope,
  withOrganizationResource,
  withReservedScopes,
} from './scopes.js';
import observed from './test-utils/observed/discovery.json';

describe('scope constants', () => {
  it('match the scopes a real Logto advertises', () => {
    for (const scope of [...Object.values(ReservedScope), ...Object.values(UserScope)]) {
      expect(observed.scopes_supported).toContain(scope);
    }
    expect(ReservedResource.Organization).toBe('urn:logto:resource:organizations');
    expect(organizationUrnPrefix).toBe('urn:logto:organization:');
  });
});

describe('organization URNs', () => {
  it('round-trips an organization id', () => {
    expect(buildOrganizationUrn('5cwr352q7v3q')).toBe('urn:logto:organization:5cwr352q7v3q');
    expect(getOrganizationIdFromUrn('urn:logto:organization:5cwr352q7v3q')).toBe('5cwr352q7v3q');
    expect(() => getOrganizationIdFromUrn('https://api.example.com')).toThrow(TypeError);
    expect(() => getOrganizationIdFromUrn('urn:logto:organization:')).toThrow(TypeError);
  });
});

describe('withReservedScopes', () => {
  it('puts openid offline_access profile first, then the rest de-duplicated in order', () => {
    expect(withReservedScopes([])).toEqual(['openid', 'offline_access', 'profile']);
    expect(withReservedScopes(['email', 'profile', 'roles', 'email', '', 'openid'])).toEqual([
      'openid',
      'offline_access',
      'profile',
      'email',
      'roles',
    ]);
  });
});

describe('withOrganizationResource', () => {
  it('adds the organizations resource only with the organizations scope', () => {
    expect(withOrganizationResource(['email'], ['https://api.example.com'])).toEqual(['https://api.example.com']);
    expect(withOrganizationResource([UserScope.Organizations], ['https://api.example.com'])).toEqual([
      'https://api.example.com',
      ReservedResource.Organization,
    ]);
    expect(
      withOrganizationResource([UserScope.Organizations], [ReservedResource.Organization, 'https://a', 'https://a']),
    ).toEqual([ReservedResource.Organization, 'https://a']);
  });
});
