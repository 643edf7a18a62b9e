import { createHash, randomInt } from 'node:crypto';

import type {
  Connector,
  PostmarkConnector,
  Seed,
  SeedApplication,
  SeedOrganization,
  SeedResource,
  SocialConnector,
  SocialUserInfo,
  User,
} from './types';

/** Logto's reserved API resource that stands for "organization permissions". */
export const ORGANIZATION_RESOURCE = 'urn:logto:resource:organizations';
export const ORGANIZATION_URN_PREFIX = 'urn:logto:organization:';

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A 12-character lowercase id, the shape Logto uses for users and organizations. */
export function generateId(length = 12): string {
  let id = '';
  for (let index = 0; index < length; index += 1) {
    id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  }
  return id;
}

export interface NewUser {
  username?: string | null;
  password?: string | null;
  primaryEmail?: string | null;
  name?: string | null;
  avatar?: string | null;
  identity?: { target: string; userId: string; details: SocialUserInfo };
}

/**
 * The emulator's tenant: the seed plus the users created or changed since the last reset.
 * Everything lives in memory.
 */
export class Store {
  #users = new Map<string, User>();

  constructor(readonly seed: Seed) {
    this.reset();
  }

  /** Drops every runtime change and reloads the users from the seed. */
  reset(): void {
    const now = Date.now();
    this.#users = new Map(
      this.seed.users.map((user) => [user.id, { ...structuredClone(user), createdAt: now, updatedAt: now }]),
    );
  }

  application(id: string): SeedApplication | undefined {
    return this.seed.applications.find((app) => app.id === id);
  }

  resource(indicator: string): SeedResource | undefined {
    return this.seed.resources.find((resource) => resource.indicator === indicator);
  }

  organization(id: string): SeedOrganization | undefined {
    return this.seed.organizations.find((organization) => organization.id === id);
  }

  organizationTemplateScopes(): string[] {
    return this.seed.organizationTemplate.scopes.map((scope) => scope.name);
  }

  connector<Id extends Connector['id']>(id: Id): Extract<Connector, { id: Id }> | undefined {
    return this.seed.connectors.find((connector): connector is Extract<Connector, { id: Id }> => connector.id === id);
  }

  postmark(): PostmarkConnector | undefined {
    const connector = this.connector('postmark-mail');
    return connector?.enabled ? connector : undefined;
  }

  socialConnectors(): SocialConnector[] {
    return this.seed.connectors.filter(
      (connector): connector is SocialConnector => connector.type === 'Social' && connector.enabled,
    );
  }

  socialConnectorByTarget(target: string): SocialConnector | undefined {
    return this.socialConnectors().find((connector) => connector.target === target);
  }

  user(id: string): User | undefined {
    return this.#users.get(id);
  }

  users(): User[] {
    return [...this.#users.values()];
  }

  userByUsername(username: string): User | undefined {
    return this.users().find((user) => user.username !== null && user.username === username);
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users().find((user) => user.primaryEmail?.toLowerCase() === wanted);
  }

  /** Password sign-in accepts a username or an email as the identifier, like Logto. */
  userByIdentifier(identifier: string): User | undefined {
    const value = identifier.trim();
    return value.includes('@') ? this.userByEmail(value) : this.userByUsername(value);
  }

  userByIdentity(target: string, userId: string): User | undefined {
    return this.users().find((user) => user.identities[target]?.userId === userId);
  }

  createUser(input: NewUser): User {
    const now = Date.now();
    let id = generateId();
    while (this.#users.has(id)) {
      id = generateId();
    }
    const user: User = {
      id,
      username: input.username ?? null,
      password: input.password ?? null,
      name: input.name ?? null,
      avatar: input.avatar ?? null,
      primaryEmail: input.primaryEmail ?? null,
      primaryPhone: null,
      profile: {},
      customData: {},
      identities: input.identity
        ? { [input.identity.target]: { userId: input.identity.userId, details: input.identity.details } }
        : {},
      roles: [],
      organizations: [],
      createdAt: now,
      updatedAt: now,
    };
    this.#users.set(id, user);
    return user;
  }

  /** Records a successful sign-in. Logto bumps `updated_at` when it writes `last_sign_in_at`. */
  touch(user: User): void {
    user.updatedAt = Math.max(Date.now(), user.updatedAt + 1);
  }

  /** Permissions of `indicator` the user holds through roles (RBAC). */
  resourceScopes(userId: string, indicator: string): string[] {
    const user = this.user(userId);
    if (!user) {
      return [];
    }
    const scopes = new Set<string>();
    for (const role of this.seed.roles) {
      if (user.roles.includes(role.name)) {
        for (const permission of role.permissions) {
          if (permission.resource === indicator) {
            scopes.add(permission.scope);
          }
        }
      }
    }
    return [...scopes];
  }

  isOrganizationMember(userId: string, organizationId: string): boolean {
    return this.user(userId)?.organizations.some((membership) => membership.id === organizationId) ?? false;
  }

  /** Organization-template permissions the user holds in one organization through its roles. */
  organizationScopes(userId: string, organizationId: string): string[] {
    const membership = this.user(userId)?.organizations.find((item) => item.id === organizationId);
    if (!membership) {
      return [];
    }
    const scopes = new Set<string>();
    for (const role of this.seed.organizationTemplate.roles) {
      if (membership.roles.includes(role.name)) {
        role.scopes.forEach((scope) => scopes.add(scope));
      }
    }
    // Logto lists them by scope id (random); ids here are derived from the name, so the order is
    // stable but not the template's, and clients must not depend on it.
    return this.organizationTemplateScopes()
      .filter((scope) => scopes.has(scope))
      .sort((a, b) => organizationScopeId(a).localeCompare(organizationScopeId(b)));
  }
}

/** A stand-in for Logto's random organization-scope id: derived from the name. */
function organizationScopeId(name: string): string {
  return createHash('sha256').update(`organization-scope:${name}`).digest('hex');
}
