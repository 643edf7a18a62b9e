import { en, type Dictionary } from './en';
import { ja } from './ja';
import type { Language } from './language';

const dictionaries: Readonly<Record<Language, Dictionary>> = { en, ja };

export function dictionaryFor(language: Language): Dictionary {
  return dictionaries[language];
}
