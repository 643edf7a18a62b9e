import type { ReactNode } from 'react';
import { DashboardFrame } from '../_components/dashboard-frame';

/** Layouts do not gate access: the middleware and each page's requireSession() do. */
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return <DashboardFrame>{children}</DashboardFrame>;
}
