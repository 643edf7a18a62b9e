import { getSessionEndReason, logto } from '@/app/_demo/logto';
import { toAuthErrorCode } from 'next-logto';
import { describeAuthErrorIn } from '../_i18n/auth-errors';
import { getI18n } from '../_i18n/server';
import { Notice } from './notice';

/**
 * Shown on pages outside the guard when the middleware ended the session on this very request
 * (Logto refused the refresh), or reads it as signed out because Logto could not be reached for
 * too long (the cookie is kept for when it is back), so neither happens silently.
 */
export async function SessionEndedNotice() {
  const [reason, { language, t }] = await Promise.all([getSessionEndReason(), getI18n()]);
  if (!reason) return null;
  const copy = describeAuthErrorIn(language, toAuthErrorCode(reason));
  return (
    <div className="mb-6" data-testid="session-ended">
      <Notice tone="warning" title={copy.title}>
        <p>{copy.description}</p>
        <p>
          <a href={logto.paths.signIn} className="inline-flex min-h-8 items-center font-semibold underline">
            {t.sessionEnded.signInAgain}
          </a>
        </p>
      </Notice>
    </div>
  );
}
