'use client';

import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/**
 * Shows `children` everywhere but on `path`: the layout's session notices stay off the error
 * page, which already says the same thing in full.
 */
export function ExceptOnPath({ path, children }: { path: string; children: ReactNode }) {
  return usePathname() === path ? null : children;
}
