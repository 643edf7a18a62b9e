import { describe, expectTypeOf, it } from 'vitest';
import type { NextRequest } from 'next/server';
import {
  createLogto,
  type AccessTokenClaims,
  type IdTokenClaims,
  type JsonValue,
  type SessionView,
  type TokenResult,
  type UserInfoResponse,
} from './index.js';

interface Plan {
  plan: 'free' | 'pro';
  seats: number;
}

/**
 * Typed claims are compile-time only, so these are type tests: Vitest's typecheck mode runs `tsc`
 * over this file (`npm run test:unit`) and fails the test an assertion sits in.
 */
describe('typed claims', () => {
  const typed = createLogto<{ idTokenClaims: { tenant_tier: 'gold' }; accessTokenClaims: { tenant: string }; customData: Plan }>();
  const plain = createLogto();

  it('types the session claims with the declared ID-token claims', () => {
    expectTypeOf(typed.getSession).returns.resolves.toEqualTypeOf<SessionView<IdTokenClaims & { tenant_tier: 'gold' }> | null>();
    type Required = Awaited<ReturnType<typeof typed.requireSession>>;
    expectTypeOf<Required['claims']['tenant_tier']>().toEqualTypeOf<'gold'>();
    expectTypeOf<Required['claims']['sub']>().toEqualTypeOf<string>();
    expectTypeOf(typed.getIdTokenClaims).returns.resolves.toEqualTypeOf<(IdTokenClaims & { tenant_tier: 'gold' }) | null>();
  });

  it('types the session of an app that declares nothing with the standard claims only', () => {
    expectTypeOf(plain.getSession).returns.resolves.toEqualTypeOf<SessionView | null>();
    type Claims = NonNullable<Awaited<ReturnType<typeof plain.getIdTokenClaims>>>;
    expectTypeOf<Claims>().toEqualTypeOf<IdTokenClaims>();
    expectTypeOf<Claims>().not.toHaveProperty('tenant_tier');
  });

  it('types access and organization token claims, and what protectApi hands the handler', () => {
    expectTypeOf(typed.getAccessToken).returns.resolves.toEqualTypeOf<TokenResult<AccessTokenClaims & { tenant: string }>>();
    expectTypeOf(typed.getOrganizationTokenClaims).returns.resolves.toEqualTypeOf<(AccessTokenClaims & { tenant: string }) | null>();
    typed.protectApi({ audience: 'https://api.example.com' }, (_request: NextRequest, claims) => {
      expectTypeOf(claims).toEqualTypeOf<AccessTokenClaims & { tenant: string }>();
      return Response.json({});
    });
    expectTypeOf(plain.getAccessToken).returns.resolves.toEqualTypeOf<TokenResult>();
    plain.protectApi({ audience: 'https://api.example.com' }, (_request: NextRequest, claims) => {
      expectTypeOf(claims).toEqualTypeOf<AccessTokenClaims>();
      return Response.json({});
    });
  });

  it('types custom_data from userinfo, and leaves it JSON when undeclared', () => {
    type TypedInfo = Extract<Awaited<ReturnType<typeof typed.fetchUserInfo>>, { ok: true }>['userInfo'];
    expectTypeOf<TypedInfo['custom_data']>().toEqualTypeOf<Plan | undefined>();
    expectTypeOf<TypedInfo['sub']>().toEqualTypeOf<string>();
    type PlainInfo = Extract<Awaited<ReturnType<typeof plain.fetchUserInfo>>, { ok: true }>['userInfo'];
    expectTypeOf<PlainInfo['custom_data']>().toEqualTypeOf<Record<string, JsonValue> | undefined>();
    expectTypeOf<Omit<PlainInfo, 'custom_data'>>().toEqualTypeOf<Omit<UserInfoResponse, 'custom_data'>>();
  });
});
