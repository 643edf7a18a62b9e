import type { NextRequest } from 'next/server';
import { handleUser } from '@/lib/auth/handlers';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return handleUser(request);
}
