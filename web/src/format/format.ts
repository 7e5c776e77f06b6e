/**
 * Numbers, money, energy and times in the operator's formats: the language's locale, the
 * operator's time zone (TIME_ZONE) and currency. Money arrives from the API as exact decimal
 * strings ("7.40", "1250" for ISK); Intl formats those strings without going through a float,
 * with as many decimals as the currency has (the server's own table: ISK has none).
 */
import { exponent } from '../../../src/billing/money.ts';

export interface FormatSettings {
  locale: string;
  timeZone: string;
  currency: string;
}

export interface Format {
  settings: FormatSettings;
  number(n: number | string, digits?: number): string;
  /** A decimal amount (string, exact) in `currency` (the operator's by default). */
  money(amount: string | number | null | undefined, currency?: string): string;
  /** Integer Wh as kWh. */
  energy(wh: number | null | undefined): string;
  /** W as kW. */
  power(w: number | null | undefined): string;
  dateTime(at: string | number | Date | null | undefined): string;
  date(at: string | number | Date | null | undefined): string;
  time(at: string | number | Date | null | undefined): string;
  duration(sec: number | null | undefined): string;
  /** `YYYY-MM-DD` of an instant in the operator's zone (for date inputs and report periods). */
  day(at: Date): string;
}

const dash = '–';

export function createFormat(settings: FormatSettings): Format {
  const { locale, timeZone } = settings;
  const cache = new Map<string, Intl.NumberFormat>();
  const num = (min: number, max: number) => {
    const k = `${min}:${max}`;
    let f = cache.get(k);
    if (!f) cache.set(k, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max })));
    return f;
  };
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const dt = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'medium' });
  const d = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  const t = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const when = (at: string | number | Date) => (at instanceof Date ? at : new Date(at));

  return {
    settings,
    number: (n, digits = 0) => num(0, digits).format(n as number),
    money(amount, currency = settings.currency) {
      if (amount === null || amount === undefined || amount === '') return dash;
      let f = moneyFormats.get(currency);
      if (!f) {
        const e = exponent(currency);
        f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: e, maximumFractionDigits: e });
        moneyFormats.set(currency, f);
      }
      // A string is formatted as the exact decimal it is (Intl.NumberFormat v3).
      return f.format(amount as number);
    },
    energy: (wh) => (wh === null || wh === undefined ? dash : `${num(0, wh < 10_000 ? 2 : 1).format(wh / 1000)} kWh`),
    power: (w) => (w === null || w === undefined ? dash : `${num(0, 1).format(w / 1000)} kW`),
    dateTime: (at) => (at === null || at === undefined ? dash : dt.format(when(at))),
    date: (at) => (at === null || at === undefined ? dash : d.format(when(at))),
    time: (at) => (at === null || at === undefined ? dash : t.format(when(at))),
    duration(sec) {
      if (sec === null || sec === undefined) return dash;
      const h = Math.floor(sec / 3600);
      const m = Math.floor((sec % 3600) / 60);
      const s = Math.floor(sec % 60);
      return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
    },
    day: (at) => iso.format(at),
  };
}
