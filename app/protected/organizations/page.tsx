import type { Metadata } from 'next';
import { OrganizationView } from './organization-view';

export const metadata: Metadata = { title: 'Organizations' };

export default function OrganizationsPage() {
  return <OrganizationView returnTo="/protected/organizations" />;
}
