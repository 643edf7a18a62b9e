import { createLogtoMiddleware } from '@/lib/auth/middleware';

/**
 * Guards /protected pages (redirect to sign-in) and /api/protected (401 JSON), refreshing the
 * tokens each page needs before it renders. Runs on the Edge runtime.
 */
export const middleware = createLogtoMiddleware({
  tokensFor(pathname, session, config) {
    if (pathname.startsWith('/protected/resources')) return { resources: config.resources };
    if (pathname.startsWith('/protected/organizations') && config.organizationsEnabled) {
      return { organizations: session.claims.organizations ?? [] };
    }
    return {};
  },
});

export const config = {
  matcher: ['/protected/:path*', '/api/protected/:path*'],
};
