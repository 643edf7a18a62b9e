import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { DashboardFrame } from '../_components/dashboard-frame';

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * Benchmark fixtures (`npm run bench`, "overhead"): the dashboard's claims page rendered from
 * static sample data, with no session, so the cost of authentication can be measured against it
 * in the same build and process. They show no user's data and guard nothing.
 */
export default function BenchLayout({ children }: { children: ReactNode }) {
  return <DashboardFrame>{children}</DashboardFrame>;
}
