import type { NextRequest } from 'next/server';
import { handleSignOut } from '@/lib/auth/handlers';

export const dynamic = 'force-dynamic';

export function POST(request: NextRequest) {
  return handleSignOut(request);
}
