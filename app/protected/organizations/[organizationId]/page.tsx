import type { Metadata } from 'next';
import { organizationPagePath } from '@/lib/demo-routes';
import { OrganizationView } from '../organization-view';

export const metadata: Metadata = { title: 'Organizations' };

export default async function OrganizationPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  return <OrganizationView selected={organizationId} returnTo={organizationPagePath(organizationId)} />;
}
