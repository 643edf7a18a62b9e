import Link from 'next/link';
import { getSessionOrNull } from './session-safe';
import { SignOutButton } from './sign-out-button';

export async function SiteHeader() {
  const session = await getSessionOrNull();
  const name = session?.claims.name ?? session?.claims.username ?? session?.claims.email ?? session?.claims.sub;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link href="/" prefetch={false} className="flex items-center gap-2 font-semibold tracking-tight">
          <span className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white">L</span>
          <span>
            Logto <span className="text-slate-400">×</span> Next.js
          </span>
        </Link>
        <nav className="flex items-center gap-3 text-sm">
          {session ? (
            <>
              <Link href="/protected" prefetch={false} className="font-medium text-slate-700 hover:text-brand-600">
                Dashboard
              </Link>
              <span className="hidden text-slate-500 sm:inline" data-testid="signed-in-as">
                {name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <a
              href="/api/logto/sign-in"
              className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Sign in
            </a>
          )}
        </nav>
      </div>
    </header>
  );
}
