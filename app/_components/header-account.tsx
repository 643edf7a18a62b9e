'use client';

import Link from 'next/link';
import { useLogtoSession } from 'next-logto/client';

/** The header's labels, in the page's language. */
export interface HeaderAccountLabels {
  dashboard: string;
  signIn: string;
  signOut: string;
}

/** The brand's name: on a phone, signed in, only its mark shows (the name stays for screen readers). */
export function BrandName() {
  const { status } = useLogtoSession();
  return (
    <span className={status === 'signed-in' ? 'sr-only sm:not-sr-only' : undefined}>
      Logto <span className="text-slate-500">×</span> Next.js
    </span>
  );
}

/**
 * The header's account actions, from the client session: the dashboard link, the user's avatar
 * and name and Sign out, or Sign in. Another tab's sign-out shows here when this tab regains focus.
 */
export function HeaderAccount({ labels }: { labels: HeaderAccountLabels }) {
  const session = useLogtoSession();
  if (session.status === 'signed-out') {
    return (
      <a
        href={session.paths.signIn}
        onClick={(event) => {
          // From the home page the default landing (the dashboard); elsewhere back to this page.
          if (window.location.pathname === '/' || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          session.signIn();
        }}
        className="inline-flex min-h-10 items-center whitespace-nowrap rounded-lg bg-brand-600 px-3 py-2 font-medium text-white shadow-sm hover:bg-brand-700"
      >
        {labels.signIn}
      </a>
    );
  }
  const { claims } = session;
  const name = claims.name ?? claims.username ?? claims.email ?? claims.sub;
  return (
    <>
      <Link
        href="/protected"
        prefetch={false}
        className="inline-flex min-h-10 items-center whitespace-nowrap rounded-lg px-2 font-medium text-slate-700 hover:bg-slate-100 hover:text-brand-600"
      >
        {labels.dashboard}
      </Link>
      <span className="hidden items-center gap-2 text-slate-600 sm:inline-flex">
        {claims.picture ? (
          // A remote avatar of any host: next/image would need each host configured.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={claims.picture} alt="" width={24} height={24} referrerPolicy="no-referrer" className="h-6 w-6 rounded-full object-cover" />
        ) : null}
        <span data-testid="signed-in-as">{name}</span>
      </span>
      {/* A real form: sign-out stays a same-origin POST and works before hydration. */}
      <form action={session.paths.signOut} method="post">
        <button
          type="submit"
          className="inline-flex min-h-10 items-center whitespace-nowrap rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-100"
        >
          {labels.signOut}
        </button>
      </form>
    </>
  );
}
