/**
 * The interface's languages: every file in ./strings is one language, found at build time.
 * Adding a language is adding a file there (typed as `Strings`, so nothing can be missing).
 * The choice is remembered; the first visit follows the browser's language.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { Strings } from './strings/en.ts';

const files = import.meta.glob<Strings>('./strings/*.ts', { eager: true, import: 'default' });

export const languages: Strings[] = Object.values(files).sort((a, b) => (a.meta.code === 'en' ? -1 : b.meta.code === 'en' ? 1 : a.meta.name.localeCompare(b.meta.name)));

const KEY = 'straumur.language';

function initial(): Strings {
  const saved = localStorage.getItem(KEY);
  const wanted = saved ?? navigator.language.slice(0, 2);
  return languages.find((l) => l.meta.code === wanted) ?? (languages[0] as Strings);
}

interface I18n {
  s: Strings;
  setLanguage(code: string): void;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [s, set] = useState(initial);
  useEffect(() => {
    document.documentElement.lang = s.meta.code;
  }, [s]);
  const value = useMemo<I18n>(
    () => ({
      s,
      setLanguage(code) {
        const l = languages.find((x) => x.meta.code === code);
        if (!l) return;
        localStorage.setItem(KEY, code);
        set(l);
      },
    }),
    [s],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The current language's strings. */
export const useStrings = (): Strings => useI18n().s;
