/**
 * Logto's claims: per scope as Logto's table says, `created_at`/`updated_at` in milliseconds,
 * unset `name`/`picture`/`username`/`email`/`phone_number` as `null`, and `custom_data`,
 * `identities`, `organization_data` from userinfo only. See `docs/logto-protocol.md`, "Claims"
 * and "Userinfo", and https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/oidc/scope.ts.
 */
import { errors } from 'oidc-provider';
import type { Configuration } from 'oidc-provider';

import type { Store } from '../store';
import type { User } from '../types';

/**
 * Scope → claims, as in Logto's core-kit `userClaims`
 * (https://github.com/logto-io/logto/blob/v1.37.1/packages/toolkit/core-kit/src/openid.ts).
 * The order of the scopes and claims is what Logto's discovery document shows.
 */
export const scopeClaims = {
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
    'username',
    'created_at',
  ],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
  custom_data: ['custom_data'],
  identities: ['identities', 'sso_identities'],
  roles: ['roles'],
  'urn:logto:scope:organizations': ['organizations', 'organization_data'],
  'urn:logto:scope:organization_roles': ['organization_roles'],
  'urn:logto:scope:sessions': [],
} as const satisfies Record<string, readonly string[]>;

/**
 * Claims that Logto's default "custom ID token" settings keep out of the ID token; they are
 * served by the userinfo endpoint only.
 */
const userinfoOnlyClaims = new Set(['custom_data', 'identities', 'sso_identities', 'organization_data']);

const optionalProfileClaims = [
  ['family_name', 'familyName'],
  ['given_name', 'givenName'],
  ['middle_name', 'middleName'],
  ['nickname', 'nickname'],
  ['profile', 'profile'],
  ['website', 'website'],
  ['gender', 'gender'],
  ['birthdate', 'birthdate'],
  ['zoneinfo', 'zoneinfo'],
  ['locale', 'locale'],
] as const;

/**
 * Builds the claims of `user` for the granted `scopes`, following Logto's `getUserClaimsData`:
 * `name`/`picture`/`username`/`email`/`phone_number` are `null` when unset, the optional profile
 * fields are left out, and `created_at`/`updated_at` are epoch milliseconds.
 */
export function buildUserClaims(
  store: Store,
  user: User,
  scopes: ReadonlySet<string>,
  use: 'id_token' | 'userinfo',
): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: user.id };
  const put = (name: string, value: unknown) => {
    if (use === 'id_token' && userinfoOnlyClaims.has(name)) return;
    claims[name] = value;
  };

  if (scopes.has('profile')) {
    put('name', user.name);
    put('picture', user.avatar);
    put('username', user.username);
    const preferredUsername = user.profile.preferredUsername ?? user.username;
    if (preferredUsername) put('preferred_username', preferredUsername);
    for (const [claim, field] of optionalProfileClaims) {
      const value = user.profile[field];
      if (value !== undefined) put(claim, value);
    }
    put('created_at', user.createdAt);
    put('updated_at', user.updatedAt);
  }
  if (scopes.has('email')) {
    put('email', user.primaryEmail);
    put('email_verified', Boolean(user.primaryEmail));
  }
  if (scopes.has('phone')) {
    put('phone_number', user.primaryPhone);
    put('phone_number_verified', Boolean(user.primaryPhone));
  }
  if (scopes.has('address') && user.profile.address) {
    put('address', user.profile.address);
  }
  if (scopes.has('custom_data')) {
    put('custom_data', user.customData);
  }
  if (scopes.has('identities')) {
    put('identities', user.identities);
    put('sso_identities', []);
  }
  if (scopes.has('roles')) {
    put('roles', [...user.roles]);
  }
  if (scopes.has('urn:logto:scope:organizations')) {
    put(
      'organizations',
      user.organizations.map((membership) => membership.id),
    );
    put(
      'organization_data',
      user.organizations.flatMap((membership) => {
        const organization = store.organization(membership.id);
        return organization
          ? [{ id: organization.id, name: organization.name, description: organization.description }]
          : [];
      }),
    );
  }
  if (scopes.has('urn:logto:scope:organization_roles')) {
    put(
      'organization_roles',
      user.organizations.flatMap((membership) => membership.roles.map((role) => `${membership.id}:${role}`)),
    );
  }

  return claims;
}

/** oidc-provider's `findAccount`: seeded and created users, with the claims above. */
export function findAccount(store: Store): Configuration['findAccount'] {
  return (_ctx, sub) => {
    if (!store.user(sub)) return undefined;
    return {
      accountId: sub,
      claims: (use, scope) => {
        const user = store.user(sub);
        if (!user) throw new errors.InvalidGrant('user not found');
        const claims = buildUserClaims(store, user, new Set(scope.split(' ')), use === 'id_token' ? 'id_token' : 'userinfo');
        return { ...claims, sub };
      },
    };
  };
}
