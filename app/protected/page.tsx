import type { Metadata } from 'next';
import { requireSession } from '@/app/_demo/logto';
import { getI18n } from '../_i18n/server';
import { ClaimsView } from './claims-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t.claims.title };
}

export default async function ClaimsPage() {
  const { claims, hasRefreshToken } = await requireSession('/protected');
  return <ClaimsView claims={claims} hasRefreshToken={hasRefreshToken} />;
}
