import { NextResponse, type NextRequest } from 'next/server';
import { logto } from '@/app/_demo/logto';

/**
 * Runs on every page: keeps the session's tokens fresh before the render and ends sessions
 * Logto refuses; guards /protected (redirect to sign-in) and /api/protected (401 JSON). Each
 * dashboard page gets the API tokens it shows. Runs on the Edge runtime.
 */
export function middleware(request: NextRequest) {
  // The benchmark's floor: a page of static data behind a middleware that only passes it on.
  if (request.nextUrl.pathname === '/bench/middleware-floor') return NextResponse.next();
  return logto.middleware(request);
}

export const config = {
  // Every page and API except Next's internals, static files, the sign-in routes (they manage
  // the cookies themselves; the middleware would skip them anyway) and the benchmark's
  // no-middleware page.
  matcher: [
    '/((?!_next/static|_next/image|api/logto/(?:sign-in|sign-up|callback|sign-out)(?:/|$)|bench/static(?:/|$)|favicon\\.ico|.*\\.(?:ico|png|svg|jpg|jpeg|gif|webp|txt|xml|webmanifest)$).*)',
  ],
};
