'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const links = [
  { href: '/protected', label: 'ID token claims' },
  { href: '/protected/userinfo', label: 'User info' },
  { href: '/protected/resources', label: 'API resources' },
  { href: '/protected/organizations', label: 'Organizations' },
] as const;

/**
 * Links do not prefetch: Next strips its prefetch headers before the middleware runs, so a
 * prefetch would look like a visit and mint that page's API tokens ahead of need.
 */
export function DashboardNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="flex gap-1 overflow-x-auto rounded-xl border border-slate-200 bg-white p-1 text-sm">
      {links.map((link) => {
        const active = pathname === link.href;
        return (
          <Link
            key={link.href}
            href={link.href}
            prefetch={false}
            aria-current={active ? 'page' : undefined}
            className={`whitespace-nowrap rounded-lg px-3 py-1.5 font-medium ${
              active ? 'bg-brand-600 text-white' : 'text-slate-600 hover:bg-slate-100'
            }`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
