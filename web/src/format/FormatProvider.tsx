/** Gives the pages the formats of the current language and the operator's zone and currency. */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { useStrings } from '../i18n/i18n.tsx';
import { createFormat, type Format } from './format.ts';

const Ctx = createContext<Format | null>(null);

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function FormatProvider({ children }: { children: ReactNode }) {
  const s = useStrings();
  const [operator, setOperator] = useState<{ timeZone: string; currency: string } | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/console/settings').then(({ data }) => data && setOperator(data));
  }, []);
  const format = useMemo(
    () => createFormat({ locale: s.meta.locale, timeZone: operator?.timeZone ?? browserZone, currency: operator?.currency ?? 'EUR' }),
    [s.meta.locale, operator],
  );
  return <Ctx.Provider value={format}>{children}</Ctx.Provider>;
}

export function useFormat(): Format {
  const f = useContext(Ctx);
  if (!f) throw new Error('useFormat outside FormatProvider');
  return f;
}
