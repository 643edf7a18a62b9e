import type { NextRequest } from 'next/server';
import { handleSignIn } from '@/lib/auth/handlers';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return handleSignIn(request);
}
