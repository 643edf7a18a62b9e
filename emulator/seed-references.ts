/**
 * The seed's cross-references: permissions name scopes of seeded API resources, organization roles
 * name template scopes, users name seeded roles, organizations and organization roles; ids, usernames
 * and e-mails are unique. Checked even where the document is malformed elsewhere.
 */
import { z } from 'zod';

import { permissionSchema } from './seed-schema';

const text = z.string().min(1);

/** `schema`, or `undefined` where the value is malformed (the seed schema reports that). */
const lenient = <Schema extends z.ZodType>(schema: Schema) => schema.optional().catch(undefined);
/** A list whose malformed items are `undefined`, keeping every item at its index. */
const lenientList = <Schema extends z.ZodType>(item: Schema) => z.array(lenient(item)).catch([]);

/** The parts of the seed that the references involve, read leniently. */
const referencesView = z
  .object({
    resources: lenientList(z.object({ indicator: text, scopes: lenientList(z.object({ name: text })) })),
    roles: lenientList(z.object({ name: lenient(text), permissions: lenientList(permissionSchema) })),
    organizationTemplate: z
      .object({
        scopes: lenientList(z.object({ name: text })),
        roles: lenientList(z.object({ name: lenient(text), scopes: lenientList(text) })),
      })
      .catch({ scopes: [], roles: [] }),
    organizations: lenientList(z.object({ id: text })),
    users: lenientList(
      z.object({
        id: lenient(text),
        username: lenient(text),
        primaryEmail: lenient(text),
        roles: lenientList(text),
        organizations: lenientList(z.object({ id: lenient(text), roles: lenientList(text) })),
      }),
    ),
    applications: lenientList(z.object({ id: text })),
  })
  .catch({ resources: [], roles: [], organizationTemplate: { scopes: [], roles: [] }, organizations: [], users: [], applications: [] });

/** Problems with references between the entries of the seed document `doc`, path-style. */
export function referenceProblems(doc: unknown): string[] {
  const seed = referencesView.parse(doc);
  const problems: string[] = [];
  const present = <T>(items: (T | undefined)[]) => items.filter((item): item is T => item !== undefined);

  const resourceScopes = new Map(
    present(seed.resources).map((resource) => [resource.indicator, new Set(present(resource.scopes).map((scope) => scope.name))]),
  );
  const roleNames = new Set(present(seed.roles.map((role) => role?.name)));
  const orgScopes = new Set(present(seed.organizationTemplate.scopes).map((scope) => scope.name));
  const orgRoles = new Set(present(seed.organizationTemplate.roles.map((role) => role?.name)));
  const orgIds = new Set(present(seed.organizations).map((organization) => organization.id));

  seed.roles.forEach((role, index) => {
    role?.permissions.forEach((permission, permissionIndex) => {
      if (!permission) return;
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
    role?.scopes.forEach((scope, scopeIndex) => {
      if (scope !== undefined && !orgScopes.has(scope)) {
        problems.push(`organizationTemplate.roles[${index}].scopes[${scopeIndex}]: unknown organization scope "${scope}"`);
      }
    });
  });

  const seen = { users: new Set<string>(), usernames: new Set<string>(), emails: new Set<string>() };
  seed.users.forEach((user, index) => {
    if (!user) return;
    const path = `users[${index}]`;
    if (user.id) {
      if (seen.users.has(user.id)) problems.push(`${path}.id: duplicate user id "${user.id}"`);
      seen.users.add(user.id);
    }
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
      if (role !== undefined && !roleNames.has(role)) problems.push(`${path}.roles[${roleIndex}]: unknown role "${role}"`);
    });
    user.organizations.forEach((membership, membershipIndex) => {
      if (membership?.id !== undefined && !orgIds.has(membership.id)) {
        problems.push(`${path}.organizations[${membershipIndex}].id: unknown organization "${membership.id}"`);
      }
      membership?.roles.forEach((role, roleIndex) => {
        if (role !== undefined && !orgRoles.has(role)) {
          problems.push(`${path}.organizations[${membershipIndex}].roles[${roleIndex}]: unknown organization role "${role}"`);
        }
      });
    });
  });

  const appIds = new Set<string>();
  seed.applications.forEach((app, index) => {
    if (!app) return;
    if (appIds.has(app.id)) problems.push(`applications[${index}].id: duplicate application id "${app.id}"`);
    appIds.add(app.id);
  });

  return problems;
}
