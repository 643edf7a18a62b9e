import type { ReactNode } from 'react';
import { DashboardNav } from '../protected/nav';
import { RefreshNotice } from './refresh-notice';

/** The dashboard's frame: its tabs and the notice shown when Logto could not be reached. */
export function DashboardFrame({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-6">
      <DashboardNav />
      <RefreshNotice />
      {children}
    </div>
  );
}
