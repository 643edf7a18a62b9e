import { getSessionEndReason } from '@/lib/auth/server';
import { describeAuthError, toAuthErrorCode } from '@/lib/auth/error-codes';
import { Notice } from './notice';

/**
 * Shown on pages outside the guard when the middleware ended the session on this very request
 * (Logto refused the refresh, or could not be reached for too long), so it never ends silently.
 */
export async function SessionEndedNotice() {
  const reason = await getSessionEndReason();
  if (!reason) return null;
  const copy = describeAuthError(toAuthErrorCode(reason));
  return (
    <div className="mb-6" data-testid="session-ended">
      <Notice tone="warning" title={copy.title}>
        <p>{copy.description}</p>
        <p>
          <a href="/api/logto/sign-in" className="inline-flex min-h-8 items-center font-semibold underline">
            Sign in again
          </a>
        </p>
      </Notice>
    </div>
  );
}
