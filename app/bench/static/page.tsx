import type { Metadata } from 'next';
import { ClaimsView } from '../../protected/claims-view';
import { SAMPLE_CLAIMS } from '../sample-claims';

export const metadata: Metadata = { title: 'Benchmark: ID token claims (sample data)' };
export const dynamic = 'force-dynamic';

/** Not matched by the middleware at all (see middleware.ts). */
export default function BenchClaimsPage() {
  return <ClaimsView claims={SAMPLE_CLAIMS} hasRefreshToken />;
}
