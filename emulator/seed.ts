import { readFile } from 'node:fs/promises';

import type {
  Connector,
  JsonObject,
  MockUpstream,
  MockUpstreams,
  Seed,
  SeedApplication,
  SeedOrganization,
  SeedOrganizationTemplate,
  SeedResource,
  SeedRole,
  SeedUser,
} from './types';

const BASE_URL_PLACEHOLDER = /\{\{baseUrl\}\}/g;

const socialConnectors = {
  'feishu-web': { target: 'feishu', fields: ['appId', 'appSecret'] },
  'azuread-universal': { target: 'azuread', fields: ['clientId', 'clientSecret', 'tenantId', 'cloudInstance'] },
  'gitlab-universal': { target: 'gitlab', fields: ['clientId', 'clientSecret'] },
} as const;

const postmarkUsageTypes = ['Register', 'SignIn', 'ForgotPassword', 'Generic'] as const;

/** Reads `path`, substitutes `{{baseUrl}}` and validates it (see {@link parseSeed}). */
export async function loadSeedFile(path: string, baseUrl: string): Promise<Seed> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`emulator seed: cannot read ${path}`, { cause });
  }
  return parseSeed(raw, baseUrl);
}

/**
 * Validates a seed document and returns it typed. Every problem is collected and reported at
 * once with a JSON-path-like location, e.g. `users[1].roles[0]: unknown role "admin"`.
 */
export function parseSeed(raw: unknown, baseUrl: string): Seed {
  const doc = substitute(raw, baseUrl.replace(/\/$/, ''));
  const problems: string[] = [];
  const check = new Checker(problems);

  const root = check.object(doc, '$');
  if (!root) {
    throw new Error('emulator seed is invalid:\n  $: must be an object');
  }

  const applications = check.array(root.applications, 'applications').map((value, index) =>
    readApplication(check, value, `applications[${index}]`),
  );
  const resources = check.array(root.resources, 'resources').map((value, index) =>
    readResource(check, value, `resources[${index}]`),
  );
  const roles = check.array(root.roles, 'roles').map((value, index) => readRole(check, value, `roles[${index}]`));
  const organizationTemplate = readOrganizationTemplate(check, root.organizationTemplate, 'organizationTemplate');
  const organizations = check.array(root.organizations, 'organizations').map((value, index) =>
    readOrganization(check, value, `organizations[${index}]`),
  );
  const users = check.array(root.users, 'users').map((value, index) => readUser(check, value, `users[${index}]`));
  const connectors = check
    .array(root.connectors, 'connectors')
    .map((value, index) => readConnector(check, value, `connectors[${index}]`))
    .filter((connector): connector is Connector => connector !== undefined);
  const mockUpstreams = readMockUpstreams(check, root.mockUpstreams, 'mockUpstreams');

  checkReferences(problems, { applications, resources, roles, organizationTemplate, organizations, users });

  if (problems.length > 0) {
    throw new Error(`emulator seed is invalid:\n  ${problems.join('\n  ')}`);
  }

  return { applications, resources, roles, organizationTemplate, organizations, users, connectors, mockUpstreams };
}

function substitute(value: unknown, baseUrl: string): unknown {
  if (typeof value === 'string') {
    return value.replace(BASE_URL_PLACEHOLDER, baseUrl);
  }
  if (Array.isArray(value)) {
    return value.map((item) => substitute(item, baseUrl));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, baseUrl)]));
  }
  return value;
}

class Checker {
  constructor(private readonly problems: string[]) {}

  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  object(value: unknown, path: string): JsonObject | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, 'must be an object');
      return undefined;
    }
    return value as JsonObject;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, 'must be an array');
      return [];
    }
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(path, 'must be a non-empty string');
      return '';
    }
    return value;
  }

  optionalString(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  nullableString(value: unknown, path: string): string | null {
    return value === null || value === undefined ? null : this.string(value, path);
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') {
      this.fail(path, 'must be a boolean');
      return false;
    }
    return value;
  }

  strings(value: unknown, path: string): string[] {
    return this.array(value, path).map((item, index) => this.string(item, `${path}[${index}]`));
  }

  url(value: unknown, path: string): string {
    const text = this.string(value, path);
    if (text && !URL.canParse(text)) {
      this.fail(path, `"${text}" is not an absolute URL`);
    }
    return text;
  }
}

function readApplication(check: Checker, value: unknown, path: string): SeedApplication {
  const app = check.object(value, path) ?? {};
  if (app.type !== 'Traditional') {
    check.fail(`${path}.type`, 'only "Traditional" (a confidential web app) is supported');
  }
  return {
    id: check.string(app.id, `${path}.id`),
    name: check.string(app.name, `${path}.name`),
    secret: check.string(app.secret, `${path}.secret`),
    type: 'Traditional',
    isThirdParty: app.isThirdParty === undefined ? false : check.boolean(app.isThirdParty, `${path}.isThirdParty`),
    redirectUris: check.array(app.redirectUris, `${path}.redirectUris`).map((uri, index) =>
      check.url(uri, `${path}.redirectUris[${index}]`),
    ),
    postLogoutRedirectUris: check
      .array(app.postLogoutRedirectUris, `${path}.postLogoutRedirectUris`)
      .map((uri, index) => check.url(uri, `${path}.postLogoutRedirectUris[${index}]`)),
    grantTypes:
      app.grantTypes === undefined
        ? ['authorization_code', 'refresh_token']
        : check.strings(app.grantTypes, `${path}.grantTypes`),
  };
}

function readResource(check: Checker, value: unknown, path: string): SeedResource {
  const resource = check.object(value, path) ?? {};
  const ttl = resource.accessTokenTtl;
  if (ttl !== undefined && !(Number.isSafeInteger(ttl) && typeof ttl === 'number' && ttl > 0)) {
    check.fail(`${path}.accessTokenTtl`, 'must be a positive integer (seconds)');
  }
  return {
    indicator: check.url(resource.indicator, `${path}.indicator`),
    name: check.string(resource.name, `${path}.name`),
    ...(typeof ttl === 'number' ? { accessTokenTtl: ttl } : {}),
    scopes: check.array(resource.scopes, `${path}.scopes`).map((scope, index) => {
      const item = check.object(scope, `${path}.scopes[${index}]`) ?? {};
      return {
        name: check.string(item.name, `${path}.scopes[${index}].name`),
        description: check.optionalString(item.description, `${path}.scopes[${index}].description`),
      };
    }),
  };
}

function readRole(check: Checker, value: unknown, path: string): SeedRole {
  const role = check.object(value, path) ?? {};
  return {
    name: check.string(role.name, `${path}.name`),
    description: check.optionalString(role.description, `${path}.description`),
    permissions: check.array(role.permissions, `${path}.permissions`).map((permission, index) => {
      const item = check.object(permission, `${path}.permissions[${index}]`) ?? {};
      return {
        resource: check.string(item.resource, `${path}.permissions[${index}].resource`),
        scope: check.string(item.scope, `${path}.permissions[${index}].scope`),
      };
    }),
  };
}

function readOrganizationTemplate(check: Checker, value: unknown, path: string): SeedOrganizationTemplate {
  const template = check.object(value, path) ?? {};
  return {
    scopes: check.array(template.scopes, `${path}.scopes`).map((scope, index) => {
      const item = check.object(scope, `${path}.scopes[${index}]`) ?? {};
      return {
        name: check.string(item.name, `${path}.scopes[${index}].name`),
        description: check.optionalString(item.description, `${path}.scopes[${index}].description`),
      };
    }),
    roles: check.array(template.roles, `${path}.roles`).map((role, index) => {
      const item = check.object(role, `${path}.roles[${index}]`) ?? {};
      return {
        name: check.string(item.name, `${path}.roles[${index}].name`),
        description: check.optionalString(item.description, `${path}.roles[${index}].description`),
        scopes: check.strings(item.scopes, `${path}.roles[${index}].scopes`),
      };
    }),
  };
}

function readOrganization(check: Checker, value: unknown, path: string): SeedOrganization {
  const organization = check.object(value, path) ?? {};
  return {
    id: check.string(organization.id, `${path}.id`),
    name: check.string(organization.name, `${path}.name`),
    description: check.nullableString(organization.description, `${path}.description`),
  };
}

function readUser(check: Checker, value: unknown, path: string): SeedUser {
  const user = check.object(value, path) ?? {};
  const identities = user.identities === undefined ? {} : (check.object(user.identities, `${path}.identities`) ?? {});
  for (const [target, identity] of Object.entries(identities)) {
    const item = check.object(identity, `${path}.identities.${target}`);
    if (item) {
      check.string(item.userId, `${path}.identities.${target}.userId`);
    }
  }
  return {
    id: check.string(user.id, `${path}.id`),
    username: check.nullableString(user.username, `${path}.username`),
    password: check.nullableString(user.password, `${path}.password`),
    name: check.nullableString(user.name, `${path}.name`),
    avatar: check.nullableString(user.avatar, `${path}.avatar`),
    primaryEmail: check.nullableString(user.primaryEmail, `${path}.primaryEmail`),
    primaryPhone: check.nullableString(user.primaryPhone, `${path}.primaryPhone`),
    profile: (user.profile === undefined ? {} : (check.object(user.profile, `${path}.profile`) ?? {})) as SeedUser['profile'],
    customData: user.customData === undefined ? {} : (check.object(user.customData, `${path}.customData`) ?? {}),
    identities: identities as SeedUser['identities'],
    roles: user.roles === undefined ? [] : check.strings(user.roles, `${path}.roles`),
    organizations: (user.organizations === undefined ? [] : check.array(user.organizations, `${path}.organizations`)).map(
      (membership, index) => {
        const item = check.object(membership, `${path}.organizations[${index}]`) ?? {};
        return {
          id: check.string(item.id, `${path}.organizations[${index}].id`),
          roles: check.strings(item.roles, `${path}.organizations[${index}].roles`),
        };
      },
    ),
  };
}

function readConnector(check: Checker, value: unknown, path: string): Connector | undefined {
  const connector = check.object(value, path);
  if (!connector) {
    return undefined;
  }
  const id = check.string(connector.id, `${path}.id`);
  const config = check.object(connector.config, `${path}.config`) ?? {};
  const emulator = connector.emulator === undefined ? {} : (check.object(connector.emulator, `${path}.emulator`) ?? {});
  check.string(connector.name, `${path}.name`);
  if (connector.enabled !== undefined) {
    check.boolean(connector.enabled, `${path}.enabled`);
  }

  if (id === 'postmark-mail') {
    check.string(config.serverToken, `${path}.config.serverToken`);
    check.string(config.fromEmail, `${path}.config.fromEmail`);
    const templates = check.array(config.templates, `${path}.config.templates`).map((template, index) => {
      const item = check.object(template, `${path}.config.templates[${index}]`) ?? {};
      check.string(item.templateAlias, `${path}.config.templates[${index}].templateAlias`);
      return check.string(item.usageType, `${path}.config.templates[${index}].usageType`);
    });
    for (const usageType of postmarkUsageTypes) {
      if (!templates.includes(usageType)) {
        check.fail(`${path}.config.templates`, `a template for usageType "${usageType}" is required`);
      }
    }
    check.url(emulator.apiBaseUrl, `${path}.emulator.apiBaseUrl`);
  } else if (id in socialConnectors) {
    const spec = socialConnectors[id as keyof typeof socialConnectors];
    if (connector.target !== spec.target) {
      check.fail(`${path}.target`, `must be "${spec.target}" for connector "${id}"`);
    }
    for (const field of spec.fields) {
      check.string(config[field], `${path}.config.${field}`);
    }
    if (id === 'azuread-universal') {
      check.url(config.cloudInstance, `${path}.config.cloudInstance`);
      check.url(emulator.graphApiBaseUrl, `${path}.emulator.graphApiBaseUrl`);
    } else {
      check.url(emulator.apiBaseUrl, `${path}.emulator.apiBaseUrl`);
    }
  } else {
    check.fail(`${path}.id`, `unknown connector "${id}" (supported: postmark-mail, ${Object.keys(socialConnectors).join(', ')})`);
    return undefined;
  }

  return { ...connector, enabled: connector.enabled !== false, emulator } as unknown as Connector;
}

function readMockUpstream<Account>(
  check: Checker,
  value: unknown,
  path: string,
  accountId: (account: JsonObject) => unknown,
): MockUpstream<Account> {
  const upstream = check.object(value, path) ?? {};
  const accounts = check.array(upstream.accounts, `${path}.accounts`).map((account, index) => {
    const item = check.object(account, `${path}.accounts[${index}]`) ?? {};
    check.string(accountId(item), `${path}.accounts[${index}] id`);
    return item as Account;
  });
  return {
    displayName: check.string(upstream.displayName, `${path}.displayName`),
    clients: check.array(upstream.clients, `${path}.clients`).map((client, index) => {
      const item = check.object(client, `${path}.clients[${index}]`) ?? {};
      return {
        clientId: check.string(item.clientId, `${path}.clients[${index}].clientId`),
        clientSecret: check.string(item.clientSecret, `${path}.clients[${index}].clientSecret`),
        redirectUris: check.array(item.redirectUris, `${path}.clients[${index}].redirectUris`).map((uri, uriIndex) =>
          check.url(uri, `${path}.clients[${index}].redirectUris[${uriIndex}]`),
        ),
      };
    }),
    accounts,
  };
}

function readMockUpstreams(check: Checker, value: unknown, path: string): MockUpstreams {
  const upstreams = check.object(value, path) ?? {};
  const postmark = check.object(upstreams.postmark, `${path}.postmark`) ?? {};
  const azure = check.object(upstreams.azuread, `${path}.azuread`) ?? {};
  return {
    postmark: {
      serverToken: check.string(postmark.serverToken, `${path}.postmark.serverToken`),
      senderSignatures: check.strings(postmark.senderSignatures, `${path}.postmark.senderSignatures`),
      templateAliases: check.strings(postmark.templateAliases, `${path}.postmark.templateAliases`),
    },
    gitlab: readMockUpstream(check, upstreams.gitlab, `${path}.gitlab`, (account) => account.sub),
    feishu: readMockUpstream(check, upstreams.feishu, `${path}.feishu`, (account) => account.sub),
    azuread: {
      ...readMockUpstream(check, upstreams.azuread, `${path}.azuread`, (account) => account.id),
      tenantId: check.string(azure.tenantId, `${path}.azuread.tenantId`),
    },
  };
}

function checkReferences(
  problems: string[],
  seed: Pick<Seed, 'applications' | 'resources' | 'roles' | 'organizationTemplate' | 'organizations' | 'users'>,
): void {
  const resourceScopes = new Map(seed.resources.map((resource) => [resource.indicator, new Set(resource.scopes.map((scope) => scope.name))]));
  const roleNames = new Set(seed.roles.map((role) => role.name));
  const orgScopes = new Set(seed.organizationTemplate.scopes.map((scope) => scope.name));
  const orgRoles = new Set(seed.organizationTemplate.roles.map((role) => role.name));
  const orgIds = new Set(seed.organizations.map((organization) => organization.id));

  seed.roles.forEach((role, index) => {
    role.permissions.forEach((permission, permissionIndex) => {
      const scopes = resourceScopes.get(permission.resource);
      const path = `roles[${index}].permissions[${permissionIndex}]`;
      if (!scopes) {
        problems.push(`${path}.resource: unknown API resource "${permission.resource}"`);
      } else if (!scopes.has(permission.scope)) {
        problems.push(`${path}.scope: "${permission.scope}" is not a scope of ${permission.resource}`);
      }
    });
  });
  seed.organizationTemplate.roles.forEach((role, index) => {
    role.scopes.forEach((scope, scopeIndex) => {
      if (!orgScopes.has(scope)) {
        problems.push(`organizationTemplate.roles[${index}].scopes[${scopeIndex}]: unknown organization scope "${scope}"`);
      }
    });
  });

  const seen = { users: new Set<string>(), usernames: new Set<string>(), emails: new Set<string>() };
  seed.users.forEach((user, index) => {
    const path = `users[${index}]`;
    if (seen.users.has(user.id)) problems.push(`${path}.id: duplicate user id "${user.id}"`);
    seen.users.add(user.id);
    if (user.username) {
      if (seen.usernames.has(user.username)) problems.push(`${path}.username: duplicate username "${user.username}"`);
      seen.usernames.add(user.username);
    }
    if (user.primaryEmail) {
      const email = user.primaryEmail.toLowerCase();
      if (seen.emails.has(email)) problems.push(`${path}.primaryEmail: duplicate email "${user.primaryEmail}"`);
      seen.emails.add(email);
    }
    user.roles.forEach((role, roleIndex) => {
      if (!roleNames.has(role)) problems.push(`${path}.roles[${roleIndex}]: unknown role "${role}"`);
    });
    user.organizations.forEach((membership, membershipIndex) => {
      if (!orgIds.has(membership.id)) {
        problems.push(`${path}.organizations[${membershipIndex}].id: unknown organization "${membership.id}"`);
      }
      membership.roles.forEach((role, roleIndex) => {
        if (!orgRoles.has(role)) {
          problems.push(`${path}.organizations[${membershipIndex}].roles[${roleIndex}]: unknown organization role "${role}"`);
        }
      });
    });
  });

  const appIds = new Set<string>();
  seed.applications.forEach((app, index) => {
    if (appIds.has(app.id)) problems.push(`applications[${index}].id: duplicate application id "${app.id}"`);
    appIds.add(app.id);
  });
}
