import Link from 'next/link';
import { LanguageSwitch } from '../_i18n/language-switch';
import { getI18n } from '../_i18n/server';
import { BrandName, HeaderAccount } from './header-account';

/**
 * The account side reads the client session (`useLogtoSession`, provided by the root layout), so
 * a sign-out in another tab shows here when this tab regains focus, without a reload.
 *
 * One row on a phone: the brand and the actions never break inside (on a screen too narrow for
 * both, the actions move below the brand as a whole). Every target is at least 40 px high. Signed
 * in, a phone shows the brand's mark only (its name stays for screen readers), so the language
 * switch, Dashboard and Sign out fit beside it in either language.
 */
export async function SiteHeader() {
  const { t } = await getI18n();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-2 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          href="/"
          prefetch={false}
          className="flex min-h-10 items-center gap-2 whitespace-nowrap rounded-lg text-sm font-semibold tracking-tight sm:text-base"
        >
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white">
            L
          </span>
          <BrandName />
        </Link>
        <div className="flex items-center gap-1 sm:gap-3">
          <LanguageSwitch />
          <nav aria-label={t.header.accountNavigation} className="flex items-center gap-1 text-sm sm:gap-3">
            <HeaderAccount labels={{ dashboard: t.header.dashboard, signIn: t.header.signIn, signOut: t.header.signOut }} />
          </nav>
        </div>
      </div>
    </header>
  );
}
