import type { Metadata } from 'next';
import { requireSession } from '@/lib/auth/server';
import { ClaimsView } from './claims-view';

export const metadata: Metadata = { title: 'ID token claims' };

export default async function ClaimsPage() {
  const { claims, hasRefreshToken } = await requireSession('/protected');
  return <ClaimsView claims={claims} hasRefreshToken={hasRefreshToken} />;
}
