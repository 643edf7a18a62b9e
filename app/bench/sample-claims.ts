import type { IdTokenClaims } from 'next-logto/oidc';

const issuedAt = Math.floor(Date.now() / 1000);

/**
 * Static claims for the benchmark's pages: the local provider's demo user `olivia` (the user the
 * benchmark signs in), so the pages render the same markup as /protected without a session.
 */
export const SAMPLE_CLAIMS: IdTokenClaims = Object.freeze({
  sub: 'olivia000001',
  name: 'Olivia Org',
  preferred_username: 'olivia',
  picture: null,
  updated_at: 1795324430661,
  username: 'olivia',
  created_at: 1795324429953,
  email: 'olivia@example.com',
  email_verified: true,
  phone_number: null,
  phone_number_verified: false,
  roles: ['reports-reader'],
  organizations: ['acme00000001', 'globex000001'],
  organization_roles: ['acme00000001:admin', 'globex000001:member'],
  aud: 'logto-next-demo',
  exp: issuedAt + 3600,
  iat: issuedAt,
  iss: 'http://127.0.0.1:3001/oidc',
}) as IdTokenClaims;
