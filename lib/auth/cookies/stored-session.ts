import type { IdTokenClaims } from '../../logto/types.js';
import { isSessionData, type SessionData } from './session-data.js';

/**
 * How the session is sealed into its cookie. Every byte counts there (a browser sends at most
 * three 3800-byte chunks of it on every request), and a member of many organizations carries each
 * organization id twice in the ID token's claims: in `organizations` and again as the prefix of
 * each `organization_roles` entry (`"<organizationId>:<roleName>"`, docs/logto-protocol.md#claims).
 * So the cookie keeps the claims as verified, except that each such entry is stored as one number
 * pointing into `organizations` and a table of role names; reading rebuilds the very same strings.
 * That takes over a third off the sealed size (220 organizations: 11.7 KB → 6.5 KB).
 *
 * Keeping the raw ID token instead and decoding it on read would be larger, not smaller: its
 * base64url payload is a third bigger than the claims' JSON, and the seal adds another third.
 *
 * Version 1 (claims stored as they are) is still read; version 2 is what is written. An older
 * deployment reads version 2 as no session, never as a session without its roles.
 */
interface StoredSessionV2 extends Omit<SessionData, 'v'> {
  v: 2;
  /** `organization_roles`, taken out of `claims`; absent when the claims hold none. */
  organizationRoles?: PackedRoles;
}

/**
 * `organization_roles` as stored: `names` lists each role name once; an entry is the number
 * `organizationIndex * names.length + nameIndex` when its organization id is in `organizations`,
 * or the entry itself (a string) when it is not.
 */
interface PackedRoles {
  names: string[];
  entries: (number | string)[];
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function packRoles(organizations: readonly string[], roles: readonly string[]): PackedRoles {
  const organizationIndex = new Map<string, number>();
  organizations.forEach((id, index) => {
    if (!organizationIndex.has(id)) organizationIndex.set(id, index);
  });
  // An entry's number depends on how many names there are, so the table is built first.
  const split = roles.map((entry): string | { index: number; name: string } => {
    const colon = entry.indexOf(':');
    const index = colon < 0 ? undefined : organizationIndex.get(entry.slice(0, colon));
    return index === undefined ? entry : { index, name: entry.slice(colon + 1) };
  });
  const names = [...new Set(split.flatMap((part) => (typeof part === 'string' ? [] : [part.name])))];
  const nameIndex = new Map(names.map((name, index) => [name, index]));
  const entries = split.map((part) => (typeof part === 'string' ? part : part.index * names.length + nameIndex.get(part.name)!));
  return { names, entries };
}

function unpackRoles(organizations: readonly string[], packed: unknown): string[] | undefined {
  if (typeof packed !== 'object' || packed === null) return undefined;
  const { names, entries } = packed as Partial<PackedRoles>;
  if (!isStringArray(names) || !Array.isArray(entries)) return undefined;
  const roles: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      roles.push(entry);
      continue;
    }
    if (!Number.isSafeInteger(entry) || entry < 0 || names.length === 0) return undefined;
    const organization = organizations[Math.floor(entry / names.length)];
    if (organization === undefined) return undefined;
    roles.push(`${organization}:${names[entry % names.length]}`);
  }
  return roles;
}

/** What `seal` is given for `session`. */
export function toStoredSession(session: SessionData): StoredSessionV2 {
  const { organizations, organization_roles: roles, ...claims } = session.claims;
  if (!isStringArray(organizations) || !isStringArray(roles)) return { ...session, v: 2 };
  return { ...session, v: 2, claims: { ...claims, organizations }, organizationRoles: packRoles(organizations, roles) };
}

const fromStored = new WeakMap<object, SessionData | null>();

/**
 * The session an unsealed cookie payload holds, or `undefined` when it holds none. A payload
 * answered from the seal cache (frozen, shared by requests) gives the same frozen session each
 * time, so the roles are rebuilt once per cookie value, not once per request.
 */
export function fromStoredSession(payload: unknown): SessionData | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  let session = fromStored.get(payload);
  if (session === undefined) {
    session = decode(payload as Record<string, unknown>) ?? null;
    if (Object.isFrozen(payload)) fromStored.set(payload, session);
  }
  return session ?? undefined;
}

function decode(payload: Record<string, unknown>): SessionData | undefined {
  if (payload.v === 1) return isSessionData(payload) ? payload : undefined;
  if (payload.v !== 2) return undefined;
  const { organizationRoles, ...rest } = payload;
  const claims = rest.claims as Partial<IdTokenClaims> | undefined;
  let session: unknown = { ...rest, v: 1 };
  if (organizationRoles !== undefined) {
    if (typeof claims !== 'object' || claims === null || !isStringArray(claims.organizations)) return undefined;
    const roles = unpackRoles(claims.organizations, organizationRoles);
    if (!roles) return undefined;
    session = { ...rest, v: 1, claims: { ...claims, organization_roles: roles } };
  }
  if (!isSessionData(session)) return undefined;
  if (Object.isFrozen(payload)) {
    Object.freeze(session.claims);
    Object.freeze(session.claims.organization_roles);
    Object.freeze(session);
  }
  return session;
}
