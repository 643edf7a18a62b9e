#!/usr/bin/env node
// Makes a Logto tenant look like the local provider's seed (emulator/seed.json), through the
// Management API, so the browser suite can run against it in real mode: the app (with redirect
// URIs for the suite's origin), API resources and their permissions, user roles, the organization
// template, organizations, and the seed's password users with their roles and memberships.
// Idempotent: everything is found by name, indicator or username before it is created.
//
//   LOGTO_ENDPOINT=http://localhost:3001 M2M_APP_ID=… M2M_APP_SECRET=… \
//   APP_ORIGIN=http://localhost:3300 node e2e/real-logto/configure-tenant.mjs >> "$GITHUB_ENV"
//
// Prints the variables the suite needs, one NAME=value per line (LOGTO_APP_ID, LOGTO_APP_SECRET,
// E2E_USERNAME, …). Optional: ID_TOKEN_TTL and RESOURCE_TTL (seconds) for short-lived tokens,
// PWNED_CHECK=0 to switch off Logto's "pwned password" check (it calls the internet),
// MANAGEMENT_API_RESOURCE (default https://default.logto.app/api, Logto OSS's default tenant;
// Logto Cloud: https://<tenant-id>.logto.app/api).
// Management API: https://openapi.logto.io/  (M2M app with the "Logto Management API access" role)
import { readFileSync } from 'node:fs';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
};
const endpoint = env('LOGTO_ENDPOINT').replace(/\/+$/, '');
const appOrigin = env('APP_ORIGIN').replace(/\/+$/, '');
const seed = JSON.parse(readFileSync(new URL('../../emulator/seed.json', import.meta.url), 'utf8'));
const optionalSeconds = (name) => (process.env[name] ? Number(process.env[name]) : undefined);

async function managementToken() {
  const credentials = Buffer.from(`${env('M2M_APP_ID')}:${env('M2M_APP_SECRET')}`).toString('base64');
  const response = await fetch(`${endpoint}/oidc/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: env('MANAGEMENT_API_RESOURCE', 'https://default.logto.app/api'),
      scope: 'all',
    }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`Management API token: HTTP ${response.status} ${body.error ?? ''}`);
  return body.access_token;
}

const token = await managementToken();

async function call(method, path, body) {
  const response = await fetch(`${endpoint}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /api${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function all(path) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const batch = await call('GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=100`);
    items.push(...batch);
    if (batch.length < 100) return items;
  }
}

/** The item of `list` whose `key` is `value`, or the one `create()` makes. */
async function findOrCreate(list, key, value, create) {
  return list.find((item) => item[key] === value) ?? (await create());
}

// Username + password sign-in and registration, as the local provider offers.
await call('PATCH', '/sign-in-exp', {
  signInMode: 'SignInAndRegister',
  signUp: { identifiers: ['username'], password: true, verify: false },
  signIn: { methods: [{ identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true }] },
  ...(process.env.PWNED_CHECK === '0' ? { passwordPolicy: { rejects: { pwned: false } } } : {}),
});

const seedApp = seed.applications.find((app) => app.id === 'logto-next-demo');
// Back-channel logout: Logto POSTs a logout token here when the user's Logto session ends, and
// "session required" makes its ID tokens carry `sid` (https://openid.net/specs/openid-connect-backchannel-1_0.html).
const clientMetadata = {
  redirectUris: [`${appOrigin}/api/logto/callback`],
  postLogoutRedirectUris: [`${appOrigin}/`],
  backchannelLogoutUri: `${appOrigin}/api/logto/backchannel-logout`,
  backchannelLogoutSessionRequired: true,
};
const ttls = Object.fromEntries(
  [['idTokenTtl', optionalSeconds('ID_TOKEN_TTL')]].filter(([, value]) => value !== undefined),
);
let app = await findOrCreate(await all('/applications'), 'name', seedApp.name, () =>
  call('POST', '/applications', { name: seedApp.name, type: 'Traditional', oidcClientMetadata: clientMetadata }),
);
app = await call('PATCH', `/applications/${app.id}`, {
  oidcClientMetadata: { ...app.oidcClientMetadata, ...clientMetadata },
  customClientMetadata: { ...app.customClientMetadata, ...ttls },
});
const [secret] = await call('GET', `/applications/${app.id}/secrets`);

// "Another app" of the same tenant: the suite signs in to it and signs out through it, to end the
// user's Logto session from elsewhere (its redirect URIs are answered by the browser test itself).
const elsewhereSeed = seed.applications.find((candidate) => candidate.id === 'logto-next-elsewhere');
const elsewhereMetadata = { redirectUris: elsewhereSeed.redirectUris, postLogoutRedirectUris: elsewhereSeed.postLogoutRedirectUris };
let elsewhere = await findOrCreate(await all('/applications'), 'name', elsewhereSeed.name, () =>
  call('POST', '/applications', { name: elsewhereSeed.name, type: 'Traditional', oidcClientMetadata: elsewhereMetadata }),
);
elsewhere = await call('PATCH', `/applications/${elsewhere.id}`, { oidcClientMetadata: { ...elsewhere.oidcClientMetadata, ...elsewhereMetadata } });
const [elsewhereSecret] = await call('GET', `/applications/${elsewhere.id}/secrets`);

// API resources and permissions; user roles.
const permissionIds = new Map();
const resources = await all('/resources');
for (const seedResource of seed.resources) {
  let resource = await findOrCreate(resources, 'indicator', seedResource.indicator, () =>
    call('POST', '/resources', { name: seedResource.name, indicator: seedResource.indicator }),
  );
  const ttl = optionalSeconds('RESOURCE_TTL');
  if (ttl !== undefined && resource.accessTokenTtl !== ttl) resource = await call('PATCH', `/resources/${resource.id}`, { accessTokenTtl: ttl });
  const scopes = await all(`/resources/${resource.id}/scopes`);
  for (const { name, description } of seedResource.scopes) {
    const scope = await findOrCreate(scopes, 'name', name, () => call('POST', `/resources/${resource.id}/scopes`, { name, description }));
    permissionIds.set(`${seedResource.indicator} ${name}`, scope.id);
  }
}
const roleIds = new Map();
const roles = await all('/roles');
for (const seedRole of seed.roles) {
  const scopeIds = seedRole.permissions.map(({ resource, scope }) => permissionIds.get(`${resource} ${scope}`));
  const role = await findOrCreate(roles, 'name', seedRole.name, () =>
    call('POST', '/roles', { name: seedRole.name, description: seedRole.description, type: 'User', scopeIds }),
  );
  const held = new Set((await all(`/roles/${role.id}/scopes`)).map((scope) => scope.id));
  const missing = scopeIds.filter((id) => !held.has(id));
  if (missing.length) await call('POST', `/roles/${role.id}/scopes`, { scopeIds: missing });
  roleIds.set(seedRole.name, role.id);
}

// The organization template, then the organizations (by name: Logto makes its own ids).
const organizationScopeIds = new Map();
const organizationScopes = await all('/organization-scopes');
for (const { name, description } of seed.organizationTemplate.scopes) {
  const scope = await findOrCreate(organizationScopes, 'name', name, () => call('POST', '/organization-scopes', { name, description }));
  organizationScopeIds.set(name, scope.id);
}
const organizationRoleIds = new Map();
const organizationRoles = await all('/organization-roles');
for (const { name, description, scopes } of seed.organizationTemplate.roles) {
  const role = await findOrCreate(organizationRoles, 'name', name, () => call('POST', '/organization-roles', { name, description }));
  await call('PUT', `/organization-roles/${role.id}/scopes`, { organizationScopeIds: scopes.map((scope) => organizationScopeIds.get(scope)) });
  organizationRoleIds.set(name, role.id);
}
const organizationIds = new Map(); // seed id → Logto id
const organizations = await all('/organizations');
for (const { id, name, description } of seed.organizations) {
  const organization = await findOrCreate(organizations, 'name', name, () => call('POST', '/organizations', { name, description }));
  organizationIds.set(id, organization.id);
}

// The seed's password users (social-only users need the mock upstreams and are left out).
const users = await all('/users');
const members = new Map(); // Logto organization id → [{ userId, roles }]
for (const seedUser of seed.users.filter((user) => user.username && user.password)) {
  const user = await findOrCreate(users, 'username', seedUser.username, () =>
    call('POST', '/users', {
      username: seedUser.username,
      password: seedUser.password,
      name: seedUser.name ?? undefined,
      ...(seedUser.avatar ? { avatar: seedUser.avatar } : {}),
      ...(seedUser.primaryEmail ? { primaryEmail: seedUser.primaryEmail } : {}),
      ...(seedUser.primaryPhone ? { primaryPhone: seedUser.primaryPhone } : {}),
      ...(Object.keys(seedUser.profile ?? {}).length ? { profile: seedUser.profile } : {}),
      ...(Object.keys(seedUser.customData ?? {}).length ? { customData: seedUser.customData } : {}),
    }),
  );
  await call('PUT', `/users/${user.id}/roles`, { roleIds: seedUser.roles.map((name) => roleIds.get(name)) });
  for (const membership of seedUser.organizations) {
    const organizationId = organizationIds.get(membership.id);
    members.set(organizationId, [...(members.get(organizationId) ?? []), { userId: user.id, roles: membership.roles }]);
  }
}
for (const [organizationId, entries] of members) {
  await call('PUT', `/organizations/${organizationId}/users`, { userIds: entries.map((entry) => entry.userId) });
  for (const { userId, roles: names } of entries) {
    await call('PUT', `/organizations/${organizationId}/users/${userId}/roles`, {
      organizationRoleIds: names.map((name) => organizationRoleIds.get(name)),
    });
  }
}

// What the suite needs, for $GITHUB_ENV or an env file.
const organizationUser = seed.users.find((user) => user.username === 'olivia');
const plainUser = seed.users.find((user) => user.username === 'demo');
const lines = {
  LOGTO_ENDPOINT: endpoint,
  LOGTO_APP_ID: app.id,
  LOGTO_APP_SECRET: secret.value,
  LOGTO_BASE_URL: appOrigin,
  LOGTO_RESOURCES: seed.resources.map((resource) => resource.indicator).join(' '),
  E2E_ELSEWHERE_APP_ID: elsewhere.id,
  E2E_ELSEWHERE_APP_SECRET: elsewhereSecret.value,
  E2E_USERNAME: organizationUser.username,
  E2E_PASSWORD: organizationUser.password,
  E2E_PLAIN_USERNAME: plainUser.username,
  E2E_PLAIN_PASSWORD: plainUser.password,
  E2E_ORGANIZATION_NAMES: organizationUser.organizations
    .map((membership) => seed.organizations.find((organization) => organization.id === membership.id).name)
    .join(','),
};
for (const [name, value] of Object.entries(lines)) process.stdout.write(`${name}=${value}\n`);
