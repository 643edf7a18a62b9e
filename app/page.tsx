import Link from 'next/link';
import { getSessionOrNull } from './_components/session-safe';

export const dynamic = 'force-dynamic';

const socialConnectors = [
  { target: 'feishu', label: 'Feishu', mark: '飞', color: 'bg-sky-500' },
  { target: 'azuread', label: 'Azure AD', mark: 'M', color: 'bg-blue-600' },
  { target: 'gitlab', label: 'GitLab', mark: 'G', color: 'bg-orange-500' },
] as const;

const features = [
  ['Sign in, sign up, sign out', 'Authorization code + PKCE S256, state and nonce, verified ID tokens.'],
  ['Sessions in sealed cookies', 'Encrypted, chunked, HttpOnly, SameSite=Lax; nothing stored on the server.'],
  ['Tokens that stay fresh', 'Refreshed ahead of expiry in Edge middleware, one refresh at a time.'],
  ['APIs and organizations', 'Access tokens per API resource and per organization, and an API that checks them.'],
] as const;

const buttonBase =
  'inline-flex min-h-11 w-full items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-center text-sm font-semibold shadow-sm transition';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ signed_out?: string }> }) {
  const [session, params] = await Promise.all([getSessionOrNull(), searchParams]);
  return (
    <div className="grid gap-10 lg:grid-cols-[1.2fr_1fr] lg:items-start">
      <section className="space-y-6">
        <p className="inline-flex rounded-full bg-brand-50 px-3 py-1 text-xs font-semibold text-brand-700">
          Next.js App Router · Logto · OIDC
        </p>
        <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
          Add Logto sign-in to your Next.js app.
        </h1>
        <p className="max-w-xl text-lg text-slate-600">
          A small OIDC library, this demo dashboard and an end-to-end test for every flow. Sign in to see your ID-token
          claims, user info, API-resource tokens and organization tokens.
        </p>
        <ul className="grid gap-3 sm:grid-cols-2">
          {features.map(([title, text]) => (
            <li key={title} className="rounded-xl border border-slate-200 bg-white p-4">
              <p className="font-semibold text-slate-800">{title}</p>
              <p className="mt-1 text-sm text-slate-600">{text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" aria-labelledby="get-started">
        {params.signed_out === 'local' && (
          <p role="status" className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-800">
            You are signed out of this app. Logto could not be reached, so your Logto session may still be active.
          </p>
        )}
        {session ? (
          <div className="space-y-4">
            <h2 id="get-started" className="text-xl font-semibold">
              Welcome back{session.claims.name ? `, ${session.claims.name}` : ''}
            </h2>
            <p className="text-sm text-slate-600">You are signed in.</p>
            <Link href="/protected" prefetch={false} className={`${buttonBase} bg-brand-600 text-white hover:bg-brand-700`}>
              Go to the dashboard
            </Link>
          </div>
        ) : (
          <div className="space-y-4">
            <h2 id="get-started" className="text-xl font-semibold">
              Get started
            </h2>
            <div className="grid gap-3 sm:grid-cols-2">
              <a href="/api/logto/sign-in" className={`${buttonBase} bg-brand-600 text-white hover:bg-brand-700`}>
                Sign in
              </a>
              <a
                href="/api/logto/sign-up"
                className={`${buttonBase} border border-brand-600 bg-white text-brand-700 hover:bg-brand-50`}
              >
                Create account
              </a>
            </div>
            <div className="flex items-center gap-3 py-1 text-xs uppercase tracking-wide text-slate-600">
              <span aria-hidden className="h-px flex-1 bg-slate-200" />
              or
              <span aria-hidden className="h-px flex-1 bg-slate-200" />
            </div>
            <div className="grid gap-2">
              {socialConnectors.map((connector) => (
                <a
                  key={connector.target}
                  href={`/api/logto/sign-in?direct_sign_in=social:${connector.target}`}
                  className={`${buttonBase} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
                >
                  <span
                    aria-hidden
                    className={`grid h-5 w-5 place-items-center rounded text-[11px] font-bold text-white ${connector.color}`}
                  >
                    {connector.mark}
                  </span>
                  Continue with {connector.label}
                </a>
              ))}
              <a
                href="/api/logto/sign-in?first_screen=identifier:sign_in&identifier=email"
                className={`${buttonBase} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
              >
                <span aria-hidden className="grid h-5 w-5 place-items-center rounded bg-slate-700 text-[11px] text-white">
                  @
                </span>
                Sign in with an email code
              </a>
            </div>
            <p className="text-xs text-slate-600">
              Social buttons use Logto&apos;s direct sign-in: they skip Logto&apos;s sign-in page and go straight to the
              connector.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
