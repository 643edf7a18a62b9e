import type { ReactNode } from 'react';
import { RefreshNotice } from '../_components/refresh-notice';
import { DashboardNav } from './nav';

/** Layouts do not gate access: the middleware and each page's requireSession() do. */
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-6">
      <DashboardNav />
      <RefreshNotice />
      {children}
    </div>
  );
}
