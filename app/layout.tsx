import type { Metadata } from 'next';
import { LogtoSessionProvider } from 'next-logto/client';
import type { ReactNode } from 'react';
import { logto } from './_demo/logto';
import { getClientSessionOrSignedOut } from './_components/session-safe';
import { ExceptOnPath } from './_components/except-on-path';
import { RevocationNotice } from './_components/revocation-notice';
import { SessionEndedNotice } from './_components/session-ended-notice';
import { SiteHeader } from './_components/site-header';
import { LanguageProvider } from './_i18n/client';
import { getI18n } from './_i18n/server';
import './globals.css';

/**
 * The origin that absolute metadata URLs (the Open Graph image) are built on: `LOGTO_BASE_URL`,
 * else the Vercel production domain, else localhost. Never throws, so `next build` needs no env.
 */
function siteUrl(): URL {
  const candidates = [
    process.env.LOGTO_BASE_URL,
    process.env.VERCEL_PROJECT_PRODUCTION_URL && `https://${process.env.VERCEL_PROJECT_PRODUCTION_URL}`,
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return new URL(candidate);
    } catch {
      // A malformed value is reported by the configuration check; metadata falls back.
    }
  }
  return new URL(`http://localhost:${process.env.PORT || 3000}`);
}

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  const { description } = t.meta;
  return {
    metadataBase: siteUrl(),
    title: { default: 'Logto × Next.js', template: '%s · Logto × Next.js' },
    description,
    icons: {
      icon: [
        { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
        { url: '/icon.svg', type: 'image/svg+xml' },
      ],
      apple: { url: '/apple-touch-icon.png', sizes: '180x180' },
    },
    openGraph: {
      type: 'website',
      siteName: 'Logto × Next.js',
      title: 'Logto × Next.js',
      description,
      images: [{ url: '/og.png', width: 1200, height: 630, alt: t.meta.ogImageAlt }],
    },
    twitter: { card: 'summary_large_image', images: ['/og.png'] },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ language, t }, session] = await Promise.all([getI18n(), getClientSessionOrSignedOut()]);
  return (
    <html lang={language}>
      <body className="min-h-screen">
        <LanguageProvider language={language} text={t.client}>
          {/* The session for client components (the header): claims and expiry, never a token. */}
          <LogtoSessionProvider session={session} paths={logto.paths}>
            <SiteHeader />
            <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-12">
              <ExceptOnPath path={logto.paths.error}>
                <SessionEndedNotice />
                <RevocationNotice />
              </ExceptOnPath>
              {children}
            </main>
          </LogtoSessionProvider>
        </LanguageProvider>
      </body>
    </html>
  );
}
