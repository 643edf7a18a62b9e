import { describe, expectTypeOf, it } from 'vitest';
import type { NextRequest } from 'next/server';
import { createLogto } from './create-logto';
import type { SessionView, TokenResult, UserInfoResult } from './server/server';
import type { AccessTokenClaims, IdTokenClaims, JsonValue } from '../logto/types';

interface Plan {
  plan: 'free' | 'pro';
  seats: number;
}

/** Typed claims are compile-time only: these tests fail `npm run typecheck`, not at run time. */
describe('typed claims', () => {
  const typed = createLogto<{ idTokenClaims: { tenant_tier: 'gold' }; accessTokenClaims: { tenant: string }; customData: Plan }>();
  const plain = createLogto();

  it('types the session claims with the declared ID-token claims', () => {
    expectTypeOf(typed.getSession).returns.resolves.toEqualTypeOf<SessionView<IdTokenClaims & { tenant_tier: 'gold' }> | null>();
    type Required = Awaited<ReturnType<typeof typed.requireSession>>;
    expectTypeOf<Required['claims']['tenant_tier']>().toEqualTypeOf<'gold'>();
    expectTypeOf<Required['claims']['sub']>().toEqualTypeOf<string>();
    expectTypeOf(typed.getIdTokenClaims).returns.resolves.toEqualTypeOf<(IdTokenClaims & { tenant_tier: 'gold' }) | null>();
    expectTypeOf(plain.getSession).returns.resolves.toEqualTypeOf<SessionView | null>();
  });

  it('types access and organization token claims, and what protectApi hands the handler', () => {
    expectTypeOf(typed.getAccessToken).returns.resolves.toEqualTypeOf<TokenResult<AccessTokenClaims & { tenant: string }>>();
    expectTypeOf(typed.getOrganizationTokenClaims).returns.resolves.toEqualTypeOf<(AccessTokenClaims & { tenant: string }) | null>();
    typed.protectApi({ audience: 'https://api.example.com' }, (_request: NextRequest, claims) => {
      expectTypeOf(claims.tenant).toEqualTypeOf<string>();
      expectTypeOf(claims.sub).toEqualTypeOf<string>();
      return Response.json({});
    });
    expectTypeOf(plain.getAccessToken).returns.resolves.toEqualTypeOf<TokenResult>();
  });

  it('types custom_data from userinfo, and leaves it JSON when undeclared', async () => {
    type TypedInfo = Extract<Awaited<ReturnType<typeof typed.fetchUserInfo>>, { ok: true }>['userInfo'];
    expectTypeOf<TypedInfo['custom_data']>().toEqualTypeOf<Plan | undefined>();
    expectTypeOf<TypedInfo['sub']>().toEqualTypeOf<string>();
    type PlainInfo = Extract<Awaited<ReturnType<typeof plain.fetchUserInfo>>, { ok: true }>['userInfo'];
    expectTypeOf<PlainInfo['custom_data']>().toEqualTypeOf<Record<string, JsonValue> | undefined>();
    expectTypeOf(plain.fetchUserInfo).returns.resolves.toExtend<UserInfoResult<object>>();
  });

  it('rejects claims that were not declared', () => {
    type Claims = NonNullable<Awaited<ReturnType<typeof plain.getIdTokenClaims>>>;
    // @ts-expect-error undeclared claims are not on the type
    expectTypeOf<Claims['tenant_tier']>().toBeString();
  });
});
