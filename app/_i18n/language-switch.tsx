import { switchLanguage } from './actions';
import type { Language } from './language';
import { getI18n } from './server';

/** Each language by its own name, as language pickers show them. */
const NATIVE_NAMES: Readonly<Record<Language, string>> = { en: 'English', ja: '日本語' };

/**
 * The header's language switch: one button that offers the other language, named in that
 * language ("日本語" on an English page, "English" on a Japanese one). Its accessible name starts
 * with "Language:" in the page's language. A plain form, so it works without JavaScript too.
 */
export async function LanguageSwitch() {
  const { language, t } = await getI18n();
  const other: Language = language === 'en' ? 'ja' : 'en';
  return (
    <form action={switchLanguage}>
      <input type="hidden" name="lang" value={other} />
      <button
        type="submit"
        className="inline-flex min-h-10 items-center whitespace-nowrap rounded-lg px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-brand-600"
        data-testid="language-switch"
      >
        <span className="sr-only">{t.languageSwitch.label}</span>
        <span lang={other}>{NATIVE_NAMES[other]}</span>
      </button>
    </form>
  );
}
