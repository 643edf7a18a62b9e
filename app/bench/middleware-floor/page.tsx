import type { Metadata } from 'next';
import { ClaimsView } from '../../protected/claims-view';
import { SAMPLE_CLAIMS } from '../sample-claims';

export const metadata: Metadata = { title: 'Benchmark: ID token claims (sample data)' };
export const dynamic = 'force-dynamic';

/** Behind a middleware that only passes the request on (see middleware.ts). */
export default function BenchClaimsPage() {
  return <ClaimsView claims={SAMPLE_CLAIMS} hasRefreshToken />;
}
