import type { Metadata } from 'next';
import { getI18n } from '../../_i18n/server';
import { OrganizationView } from './organization-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t.organizations.title };
}

export default function OrganizationsPage() {
  return <OrganizationView returnTo="/protected/organizations" />;
}
