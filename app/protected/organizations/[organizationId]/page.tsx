import type { Metadata } from 'next';
import { organizationPagePath } from '@/app/_demo/routes';
import { getI18n } from '../../../_i18n/server';
import { OrganizationView } from '../organization-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t.organizations.title };
}

export default async function OrganizationPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  return <OrganizationView selected={organizationId} returnTo={organizationPagePath(organizationId)} />;
}
