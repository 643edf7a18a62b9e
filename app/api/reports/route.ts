import { NextResponse } from 'next/server';
import { protectApi } from '@/app/_demo/logto';
import { REPORTS_SCOPE, reportsResource } from '@/app/_demo/api';
import { scopesOf } from 'next-logto/oidc';

export const dynamic = 'force-dynamic';

/** An API protected by Logto access tokens: Bearer JWT for the reports resource with `read:reports`. */
export const GET = protectApi({ audience: reportsResource, requiredScopes: [REPORTS_SCOPE] }, (_request, claims) =>
  NextResponse.json(
    {
      subject: claims.sub,
      scopes: scopesOf(claims),
      reports: [
        { id: 'q3-revenue', title: 'Q3 revenue', status: 'final' },
        { id: 'q4-forecast', title: 'Q4 forecast', status: 'draft' },
      ],
    },
    { headers: { 'cache-control': 'no-store' } },
  ),
);
