import { getSession } from '@/app/_demo/logto';
import { getI18n } from '../_i18n/server';
import { Notice } from './notice';

/**
 * Shown while the store of back-channel logouts cannot be read: the user stays signed in, but a
 * sign-out in another app may not have reached this page yet, and that is said rather than hidden.
 */
export async function RevocationNotice() {
  const [session, { t }] = await Promise.all([getSession().catch(() => null), getI18n()]);
  if (session?.revocationCheck !== 'unavailable') return null;
  return (
    <div className="mb-6" data-testid="revocation-unchecked">
      <Notice tone="warning" title={t.revocationNotice.title}>
        <p>{t.revocationNotice.body}</p>
      </Notice>
    </div>
  );
}
