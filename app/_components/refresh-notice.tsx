import { getRefreshFailure } from '@/lib/auth/server';
import { Notice } from './notice';

/** Tells the user when the middleware could not refresh tokens (Logto down), instead of signing them out. */
export async function RefreshNotice() {
  const failure = await getRefreshFailure();
  if (!failure) return null;
  return (
    <Notice tone="warning" title="Logto could not be reached to refresh your tokens">
      <p>
        You are still signed in; data that needs fresh tokens may be missing. Reload in a moment. (
        <code className="font-mono">{failure}</code>)
      </p>
    </Notice>
  );
}
