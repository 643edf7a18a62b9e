import type { NextRequest } from 'next/server';
import { handleSignIn } from '@/lib/auth/handlers';

export const dynamic = 'force-dynamic';

/** Sign-in with Logto's registration page first (the seed SDK's `interactionMode: signUp`). */
export function GET(request: NextRequest) {
  return handleSignIn(request, { firstScreen: 'register' });
}
