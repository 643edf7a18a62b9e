import { NextResponse } from 'next/server';
import { protectApi } from '@/app/_demo/logto';
import { REPORTS_SCOPE, reportsResource } from '@/app/_demo/api';
import { scopesOf } from 'next-logto/oidc';

export const dynamic = 'force-dynamic';

/**
 * An organization-level API: the reports of the organization in the path, for a token of the
 * reports resource requested for that organization (`organization_id`) with `read:reports`.
 * Another organization's token, or a global one, is refused with 403.
 */
export const GET = protectApi(
  { audience: reportsResource, requiredScopes: [REPORTS_SCOPE], organization: { param: 'id' } },
  (_request, claims) =>
    NextResponse.json(
      {
        organizationId: claims.organization_id,
        subject: claims.sub,
        scopes: scopesOf(claims),
        reports: [{ id: 'team-okrs', title: 'Team OKRs', status: 'draft' }],
      },
      { headers: { 'cache-control': 'no-store' } },
    ),
);
