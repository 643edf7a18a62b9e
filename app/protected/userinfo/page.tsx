import type { Metadata } from 'next';
import { fetchUserInfo, requireSession } from '@/lib/auth/server';
import type { SocialIdentity, UserInfoResponse } from '@/lib/logto/types';
import { ClaimsTable } from '../../_components/claims-table';
import { Notice } from '../../_components/notice';

export const metadata: Metadata = { title: 'User info' };

const USERINFO_ONLY = ['custom_data', 'identities', 'sso_identities', 'organization_data'] as const;

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3" aria-label={title}>
      <div>
        <h2 className="text-lg font-semibold">{title}</h2>
        <p className="text-sm text-slate-600">{description}</p>
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600">{children}</p>;
}

function IdentityCard({ target, identity }: { target: string; identity: SocialIdentity }) {
  const details = identity.details ?? {};
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4" data-testid={`identity-${target}`}>
      <p className="font-semibold capitalize">{target}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">User id</dt>
        <dd className="truncate font-mono text-xs">{identity.userId}</dd>
        {typeof details.name === 'string' && (
          <>
            <dt className="text-slate-600">Name</dt>
            <dd>{details.name}</dd>
          </>
        )}
        {typeof details.email === 'string' && (
          <>
            <dt className="text-slate-600">Email</dt>
            <dd>{details.email}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

function profileOf(userInfo: UserInfoResponse) {
  const profile: Record<string, unknown> = { ...userInfo };
  for (const key of USERINFO_ONLY) delete profile[key];
  return profile;
}

export default async function UserInfoPage() {
  await requireSession('/protected/userinfo');
  const result = await fetchUserInfo();
  if (!result.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight">User info</h1>
        <Notice tone="error" title="User info could not be loaded">
          <p>
            {result.reason === 'expired'
              ? 'The access token for Logto’s userinfo endpoint has expired and could not be refreshed.'
              : 'Logto’s userinfo endpoint did not answer.'}{' '}
            Reload the page to try again.
          </p>
        </Notice>
      </div>
    );
  }
  const { userInfo } = result;
  const identities = Object.entries(userInfo.identities ?? {});
  const organizations = userInfo.organization_data ?? [];
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">User info</h1>
        <p className="mt-1 text-sm text-slate-600">
          From <code className="font-mono">fetchUserInfo()</code>: Logto&apos;s userinfo endpoint, called with the
          session&apos;s access token. Some claims exist only here.
        </p>
      </div>
      <Section title="Custom data" description="custom_data: free-form JSON kept on the user in Logto.">
        {userInfo.custom_data && Object.keys(userInfo.custom_data).length > 0 ? (
          <pre className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-4 font-mono text-xs" data-testid="custom-data">
            {JSON.stringify(userInfo.custom_data, null, 2)}
          </pre>
        ) : (
          <Empty>No custom data{userInfo.custom_data === undefined ? ' (ask for the custom_data scope)' : ''}.</Empty>
        )}
      </Section>
      <Section title="Linked identities" description="identities: the social connectors this user signed in with.">
        {identities.length > 0 ? (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {identities.map(([target, identity]) => (
              <IdentityCard key={target} target={target} identity={identity} />
            ))}
          </ul>
        ) : (
          <Empty>No linked identities{userInfo.identities === undefined ? ' (ask for the identities scope)' : ''}.</Empty>
        )}
      </Section>
      <Section title="Organizations" description="organization_data: the organizations this user belongs to.">
        {organizations.length > 0 ? (
          <ul className="grid gap-3 sm:grid-cols-2">
            {organizations.map((organization) => (
              <li key={organization.id} className="rounded-xl border border-slate-200 bg-white p-4">
                <p className="font-semibold">{organization.name}</p>
                <p className="text-sm text-slate-600">{organization.description ?? 'No description'}</p>
                <p className="mt-1 font-mono text-xs text-slate-600">{organization.id}</p>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No organizations.</Empty>
        )}
      </Section>
      <Section title="Profile" description="The remaining userinfo claims.">
        <ClaimsTable claims={profileOf(userInfo)} caption="User info claims" />
      </Section>
    </div>
  );
}
