import { getRefreshFailure } from '@/app/_demo/logto';
import { RichText } from '../_i18n/rich-text';
import { getI18n } from '../_i18n/server';
import { Notice } from './notice';

/** Tells the user when the middleware could not refresh tokens (Logto down), instead of signing them out. */
export async function RefreshNotice() {
  const [failure, { t }] = await Promise.all([getRefreshFailure(), getI18n()]);
  if (!failure) return null;
  return (
    <Notice tone="warning" title={t.refreshNotice.title}>
      <p>
        <RichText template={t.refreshNotice.body} values={{ failure: <code className="font-mono">{failure}</code> }} />
      </p>
    </Notice>
  );
}
