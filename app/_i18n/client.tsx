'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { ClientText } from './en';
import type { Language } from './language';

interface ClientI18n {
  language: Language;
  text: ClientText;
}

const ClientI18nContext = createContext<ClientI18n | null>(null);

/**
 * Hands the request's language and the client components' strings to the client components
 * below. Only the dictionary's `client` part, in one language, reaches the browser.
 */
export function LanguageProvider({ language, text, children }: ClientI18n & { children: ReactNode }) {
  return <ClientI18nContext.Provider value={{ language, text }}>{children}</ClientI18nContext.Provider>;
}

export function useClientI18n(): ClientI18n {
  const value = useContext(ClientI18nContext);
  if (!value) throw new Error('useClientI18n() needs a <LanguageProvider> above it (the root layout renders one).');
  return value;
}
