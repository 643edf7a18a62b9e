'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useClientI18n } from '../_i18n/client';

const links = [
  { href: '/protected', tab: 'claims' },
  { href: '/protected/userinfo', tab: 'userInfo' },
  { href: '/protected/resources', tab: 'resources' },
  { href: '/protected/organizations', tab: 'organizations' },
] as const;

/** `page` for the tab of this very page, `true` for the tab of its section (an organization's own page). */
function currentOf(pathname: string, href: string): 'page' | 'true' | undefined {
  if (pathname === href) return 'page';
  return href !== '/protected' && pathname.startsWith(`${href}/`) ? 'true' : undefined;
}

/**
 * The dashboard's tabs: a 2×2 grid on a phone, so every tab shows without scrolling, and one row
 * from `sm` up. Should the row still be too narrow (a large text size), it scrolls, and the active
 * tab is scrolled into view within it (the page itself is never scrolled).
 *
 * Links do not prefetch: Next strips its prefetch headers before the middleware runs, so a
 * prefetch would look like a visit and mint that page's API tokens ahead of need.
 */
export function DashboardNav() {
  const pathname = usePathname();
  const { text } = useClientI18n();
  const navRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    const start = active.offsetLeft - nav.offsetLeft;
    const end = start + active.offsetWidth;
    if (start < nav.scrollLeft) nav.scrollLeft = start;
    else if (end > nav.scrollLeft + nav.clientWidth) nav.scrollLeft = end - nav.clientWidth;
  }, [pathname]);

  return (
    <nav
      ref={navRef}
      aria-label={text.dashboardNavigation}
      className="grid grid-cols-2 gap-1 overflow-x-auto rounded-xl border border-slate-200 bg-white p-1 text-sm sm:flex"
    >
      {links.map((link) => {
        const current = currentOf(pathname, link.href);
        const active = current !== undefined;
        return (
          <Link
            key={link.href}
            href={link.href}
            prefetch={false}
            aria-current={current}
            className={`inline-flex min-h-10 shrink-0 items-center justify-center whitespace-nowrap rounded-lg px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${
              active ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100'
            }`}
          >
            {text.tabs[link.tab]}
          </Link>
        );
      })}
    </nav>
  );
}
