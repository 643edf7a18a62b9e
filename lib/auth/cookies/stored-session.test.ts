import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logtoOrganizationIds, manyOrganizationsProfile } from '../test-utils/many-organizations.js';
import { sessionWith } from '../test-utils/sessions.js';
import { seal } from './seal.js';
import type { SessionData } from './session-data.js';
import { fromStoredSession, toStoredSession } from './stored-session.js';

const now = 1_795_316_458;
const secrets = ['a-cookie-secret-that-is-long-enough-0123456789'];
/** What `seal` keeps of a value: its JSON. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

async function memberOf(organizationIds: readonly string[]): Promise<SessionData> {
  const session = await sessionWith(0, 0, now);
  return { ...session, claims: { ...session.claims, ...manyOrganizationsProfile(organizationIds) } };
}

describe('the session as stored in its cookie', () => {
  it('gives back exactly the claims it was given, whatever the organizations and roles', async () => {
    const { organizations: _o, organization_roles: _r, ...claims } = (await sessionWith(0, 0, now)).claims;
    const base = { ...(await sessionWith(0, 0, now)), claims };
    const id = fc.string({ minLength: 0, maxLength: 14 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(id, { maxLength: 12 }),
        fc.array(fc.oneof(fc.tuple(fc.nat(15), fc.string({ maxLength: 8 })), fc.string({ maxLength: 20 })), { maxLength: 20 }),
        fc.boolean(),
        async (organizations, picks, withOrganizations) => {
          // Entries naming a listed organization (the usual case), and any other string.
          const roles = picks.map((pick) =>
            typeof pick === 'string' ? pick : `${organizations[pick[0] % Math.max(1, organizations.length)] ?? ''}:${pick[1]}`,
          );
          const session: SessionData = {
            ...base,
            claims: { ...base.claims, ...(withOrganizations ? { organizations } : {}), organization_roles: roles },
          };
          expect(fromStoredSession(throughJson(toStoredSession(session)))).toStrictEqual(session);
        },
      ),
    );
  });

  it('keeps claims without organizations as they are', async () => {
    const session = await sessionWith(2, 0, now);
    const { organizations: _o, organization_roles: _r, ...claims } = session.claims;
    const plain = { ...session, claims };
    expect(toStoredSession(plain)).toEqual({ ...plain, v: 2 });
    expect(fromStoredSession(throughJson(toStoredSession(plain)))).toEqual(plain);
  });

  it('stores each organization id once, a third less to seal for 220 organizations', async () => {
    const session = await memberOf(logtoOrganizationIds(220));
    const stored = toStoredSession(session);
    expect(JSON.stringify(stored).split(session.claims.organizations![0]!).length - 1).toBe(1);
    const before = (await seal(session, secrets, 60)).length;
    const after = (await seal(stored, secrets, 60)).length;
    expect(after).toBeLessThan(before * 0.7);
  });

  it('still reads a version 1 session (claims stored as they are)', async () => {
    const session = await memberOf(logtoOrganizationIds(3));
    expect(fromStoredSession(throughJson(session))).toEqual(session);
  });

  it('reads anything else as no session', async () => {
    const stored = throughJson(toStoredSession(await memberOf(logtoOrganizationIds(3)))) as Record<string, unknown>;
    const withRoles = (organizationRoles: unknown) => ({ ...stored, organizationRoles });
    expect(fromStoredSession({ ...stored, v: 3 })).toBeUndefined();
    expect(fromStoredSession(withRoles({ names: ['member'], entries: [3] }))).toBeUndefined();
    expect(fromStoredSession(withRoles({ names: ['member'], entries: [-1] }))).toBeUndefined();
    expect(fromStoredSession(withRoles({ names: ['member'], entries: [0.5] }))).toBeUndefined();
    expect(fromStoredSession(withRoles({ names: [], entries: [0] }))).toBeUndefined();
    expect(fromStoredSession(withRoles({ names: [1], entries: [] }))).toBeUndefined();
    expect(fromStoredSession(withRoles('member'))).toBeUndefined();
    expect(fromStoredSession({ ...withRoles({ names: ['member'], entries: [0] }), claims: { ...(stored.claims as object), organizations: 'x' } })).toBeUndefined();
    expect(fromStoredSession(null)).toBeUndefined();
  });

  it('answers a frozen payload (the seal cache’s) with the same frozen session each time', async () => {
    const payload = Object.freeze(throughJson(toStoredSession(await memberOf(logtoOrganizationIds(3)))) as object);
    const first = fromStoredSession(payload);
    expect(fromStoredSession(payload)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first!.claims.organization_roles)).toBe(true);
  });
});
