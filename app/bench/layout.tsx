import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { RefreshNotice } from '../_components/refresh-notice';
import { DashboardNav } from '../protected/nav';

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * Benchmark fixtures (`npm run bench`, "overhead"): the dashboard's claims page rendered from
 * static sample data, with no session, so the cost of authentication can be measured against it
 * in the same build and process. They show no user's data and guard nothing.
 */
export default function BenchLayout({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-6">
      <DashboardNav />
      <RefreshNotice />
      {children}
    </div>
  );
}
