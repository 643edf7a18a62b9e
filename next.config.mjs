/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Token strings are tainted (lib/auth/server/taint.ts): passing one to a client component fails loudly.
  experimental: { taint: true },
  // The local provider and the e2e suite live beside the app; keep them out of the server bundle.
  outputFileTracingExcludes: { '*': ['emulator/**', 'e2e/**', 'bench/**'] },
};

export default nextConfig;
