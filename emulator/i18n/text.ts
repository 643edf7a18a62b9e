import { en, type ExperienceText } from './en';
import { ja } from './ja';
import type { UiLanguage } from './language';

export type { ExperienceText } from './en';
export { chooseLanguage, type UiLanguage } from './language';

const texts: Readonly<Record<UiLanguage, ExperienceText>> = { en, ja };

export function textFor(language: UiLanguage): ExperienceText {
  return texts[language];
}
