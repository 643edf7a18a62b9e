import type { Metadata } from 'next';
import { fetchUserInfo, requireSession } from '@/app/_demo/logto';
import type { SocialIdentity, UserInfoResponse } from 'next-logto/oidc';
import { ClaimsTable } from '../../_components/claims-table';
import { Notice } from '../../_components/notice';
import type { Dictionary } from '../../_i18n/en';
import { RichText } from '../../_i18n/rich-text';
import { getI18n } from '../../_i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t.userInfo.title };
}

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

function IdentityCard({ target, identity, text }: { target: string; identity: SocialIdentity; text: Dictionary['userInfo'] }) {
  const details = identity.details ?? {};
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4" data-testid={`identity-${target}`}>
      <p className="font-semibold capitalize">{target}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{text.identityUserId}</dt>
        <dd className="truncate font-mono text-xs">{identity.userId}</dd>
        {typeof details.name === 'string' && (
          <>
            <dt className="text-slate-600">{text.identityName}</dt>
            <dd>{details.name}</dd>
          </>
        )}
        {typeof details.email === 'string' && (
          <>
            <dt className="text-slate-600">{text.identityEmail}</dt>
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
  const [result, { t }] = await Promise.all([fetchUserInfo(), getI18n()]);
  const text = t.userInfo;
  if (!result.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight">{text.title}</h1>
        <Notice tone="error" title={text.loadFailed}>
          <p>
            {result.reason === 'expired' ? text.accessTokenExpired : text.endpointDown} {text.reloadToRetry}
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
        <h1 className="text-2xl font-bold tracking-tight">{text.title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <RichText template={text.intro} values={{ function: <code className="font-mono">fetchUserInfo()</code> }} />
        </p>
      </div>
      <Section title={text.customData} description={text.customDataDescription}>
        {userInfo.custom_data && Object.keys(userInfo.custom_data).length > 0 ? (
          <pre className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-4 font-mono text-xs" data-testid="custom-data">
            {JSON.stringify(userInfo.custom_data, null, 2)}
          </pre>
        ) : (
          <Empty>{text.noCustomData(userInfo.custom_data === undefined)}</Empty>
        )}
      </Section>
      <Section title={text.identities} description={text.identitiesDescription}>
        {identities.length > 0 ? (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {identities.map(([target, identity]) => (
              <IdentityCard key={target} target={target} identity={identity} text={text} />
            ))}
          </ul>
        ) : (
          <Empty>{text.noIdentities(userInfo.identities === undefined)}</Empty>
        )}
      </Section>
      <Section title={text.organizations} description={text.organizationsDescription}>
        {organizations.length > 0 ? (
          <ul className="grid gap-3 sm:grid-cols-2">
            {organizations.map((organization) => (
              <li key={organization.id} className="rounded-xl border border-slate-200 bg-white p-4">
                <p className="font-semibold">{organization.name}</p>
                <p className="text-sm text-slate-600">{organization.description ?? text.noOrganizationDescription}</p>
                <p className="mt-1 font-mono text-xs text-slate-600">{organization.id}</p>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{text.noOrganizations}</Empty>
        )}
      </Section>
      <Section title={text.profile} description={text.profileDescription}>
        <ClaimsTable claims={profileOf(userInfo)} caption={text.profileCaption} />
      </Section>
    </div>
  );
}
