/**
 * The identities the specs sign in with and the values they expect, from the environment (see
 * .env.example, "Browser suite against a real Logto"); in local mode mode.ts fills in the local
 * provider's seed. Anything else a spec checks comes from the signed-in user's own claims.
 */
export interface Credentials {
  username: string;
  password: string;
}

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (mode.ts sets it in local mode; set it for a real Logto).`);
  return value;
};

/** A password user who belongs to at least one organization (local: `olivia`). */
export const organizationUser = (): Credentials => ({ username: required('E2E_USERNAME'), password: required('E2E_PASSWORD') });

/** A password user for plain sign-in tests (local: `demo`; default: the organization user). */
export const plainUser = (): Credentials => ({
  username: process.env.E2E_PLAIN_USERNAME || organizationUser().username,
  password: process.env.E2E_PLAIN_PASSWORD || organizationUser().password,
});

/** Names of the organization user's organizations, as userinfo's `organization_data` gives them. */
export const organizationNames = (): string[] =>
  (process.env.E2E_ORGANIZATION_NAMES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

export const isRealLogto = () => process.env.E2E_MODE === 'real';
