/**
 * Tariffs in the shape of OCPI 2.2.1's Tariff object (mod_tariffs): a currency, elements of
 * price components (ENERGY per kWh, TIME per hour charging, PARKING_TIME per hour connected
 * but not charging, FLAT per session) with their VAT and step_size, optional restrictions,
 * and min_price / max_price. `parseTariff` turns the wire shape into exact values once.
 */
import { isCurrency } from '../money.ts';
import { Q, ZERO } from './rational.ts';

export const dimensions = ['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME'] as const;
export type Dimension = (typeof dimensions)[number];
export const daysOfWeek = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

type Num = number | string;

/** The wire shape (OCPI field names), as stored per tariff version. */
export interface TariffBody {
  currency: string;
  elements: Array<{
    price_components: Array<{ type: Dimension; price: Num; vat?: Num | null; step_size: number }>;
    restrictions?: {
      start_time?: string;
      end_time?: string;
      start_date?: string;
      end_date?: string;
      min_kwh?: Num;
      max_kwh?: Num;
      min_current?: Num;
      max_current?: Num;
      min_power?: Num;
      max_power?: Num;
      min_duration?: number;
      max_duration?: number;
      day_of_week?: string[];
      reservation?: string;
    } | null;
  }>;
  min_price?: { excl_vat: Num; incl_vat?: Num | null } | null;
  max_price?: { excl_vat: Num; incl_vat?: Num | null } | null;
  /** OCPI 2.3.0's field: how much a card payment holds at the start (major units). */
  preauthorize_amount?: Num | null;
  tariff_alt_text?: Array<{ language: string; text: string }>;
}

export interface PriceComponent {
  type: Dimension;
  /** Per kWh, per hour or per session, excluding VAT. */
  price: Q;
  /** VAT percentage; null when no VAT applies (OCPI: different from 0%). */
  vat: Q | null;
  stepSize: number;
}

export interface Restrictions {
  startTimeMs?: number;
  endTimeMs?: number;
  startDate?: string;
  endDate?: string;
  minWh?: Q;
  maxWh?: Q;
  minPowerW?: Q;
  maxPowerW?: Q;
  minCurrentA?: Q;
  maxCurrentA?: Q;
  minDurationMs?: number;
  maxDurationMs?: number;
  days?: ReadonlySet<string>;
  reservation?: boolean;
}

export interface TariffElement {
  components: PriceComponent[];
  restrictions: Restrictions | null;
}

export interface Tariff {
  id: string;
  currency: string;
  elements: TariffElement[];
  minPrice: Q | null;
  maxPrice: Q | null;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^[12]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

class Invalid extends Error {}
const bad = (msg: string): never => {
  throw new Invalid(msg);
};

function num(v: Num | null | undefined, what: string, opts: { min?: Q; max?: Q } = {}): Q | undefined {
  if (v === undefined || v === null) return undefined;
  const q = Q.parse(v);
  if (!q) return bad(`${what} is not a number`);
  if (opts.min && q.lt(opts.min)) return bad(`${what} must be at least ${opts.min.toFixed(4)}`);
  if (opts.max && q.gt(opts.max)) return bad(`${what} must be at most ${opts.max.toFixed(4)}`);
  return q;
}

function timeOfDay(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  const m = TIME.exec(v) ?? bad(`${what} must be HH:MM (24h)`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

function restrictionsOf(r: NonNullable<TariffBody['elements'][number]['restrictions']>, at: string): Restrictions {
  const kwh = (v: Num | undefined, w: string) => num(v, `${at}.${w}`, { min: ZERO })?.mul(Q.of(1000));
  const out: Restrictions = {};
  const set = <K extends keyof Restrictions>(k: K, v: Restrictions[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('startTimeMs', timeOfDay(r.start_time, `${at}.start_time`));
  set('endTimeMs', timeOfDay(r.end_time, `${at}.end_time`));
  for (const k of ['start_date', 'end_date'] as const) if (r[k] !== undefined && !DATE.test(r[k])) bad(`${at}.${k} must be YYYY-MM-DD`);
  set('startDate', r.start_date);
  set('endDate', r.end_date);
  set('minWh', kwh(r.min_kwh, 'min_kwh'));
  set('maxWh', kwh(r.max_kwh, 'max_kwh'));
  set('minPowerW', kwh(r.min_power, 'min_power'));
  set('maxPowerW', kwh(r.max_power, 'max_power'));
  set('minCurrentA', num(r.min_current, `${at}.min_current`, { min: ZERO }));
  set('maxCurrentA', num(r.max_current, `${at}.max_current`, { min: ZERO }));
  for (const k of ['min_duration', 'max_duration'] as const) {
    const v = r[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) bad(`${at}.${k} must be whole seconds`);
  }
  set('minDurationMs', r.min_duration === undefined ? undefined : r.min_duration * 1000);
  set('maxDurationMs', r.max_duration === undefined ? undefined : r.max_duration * 1000);
  if (r.day_of_week) {
    for (const d of r.day_of_week) if (!(daysOfWeek as readonly string[]).includes(d)) bad(`${at}.day_of_week: ${d} is not a day (MONDAY ... SUNDAY)`);
    set('days', new Set(r.day_of_week));
  }
  if (r.reservation !== undefined) set('reservation', true);
  return out;
}

const HUNDRED = Q.of(100);

/** Reads and checks a tariff body; a failure is a sentence naming the field. */
export function parseTariff(id: string, body: TariffBody): { ok: true; tariff: Tariff } | { ok: false; message: string } {
  try {
    if (!isCurrency(body.currency)) bad('currency must be an ISO 4217 code such as EUR or ISK');
    if (!Array.isArray(body.elements) || body.elements.length === 0) bad('a tariff needs at least one element');
    const elements = body.elements.map((e, i): TariffElement => {
      const at = `elements[${i}]`;
      if (!e.price_components?.length) bad(`${at} needs at least one price component`);
      const components = e.price_components.map((c, j): PriceComponent => {
        const cat = `${at}.price_components[${j}]`;
        if (!(dimensions as readonly string[]).includes(c.type)) bad(`${cat}.type must be one of ${dimensions.join(', ')}`);
        if (!Number.isInteger(c.step_size) || c.step_size < 0) bad(`${cat}.step_size must be a whole number, 0 or more`);
        return {
          type: c.type,
          price: num(c.price, `${cat}.price`, { min: ZERO }) ?? bad(`${cat}.price is required`),
          vat: num(c.vat, `${cat}.vat`, { min: ZERO, max: HUNDRED }) ?? null,
          stepSize: c.step_size,
        };
      });
      return { components, restrictions: e.restrictions ? restrictionsOf(e.restrictions, `${at}.restrictions`) : null };
    });
    const minPrice = num(body.min_price?.excl_vat, 'min_price.excl_vat', { min: ZERO }) ?? null;
    const maxPrice = num(body.max_price?.excl_vat, 'max_price.excl_vat', { min: ZERO }) ?? null;
    if (minPrice && maxPrice && minPrice.gt(maxPrice)) bad('min_price is above max_price');
    num(body.preauthorize_amount, 'preauthorize_amount', { min: ZERO });
    return { ok: true, tariff: { id, currency: body.currency, elements, minPrice, maxPrice } };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, message: err.message };
    throw err;
  }
}

/** Numbers given as JSON numbers are kept as their decimal text, so stored tariffs are exact. */
export function normalizeBody(body: TariffBody): TariffBody {
  const text = (v: Num) => (typeof v === 'number' ? String(v) : v.trim());
  return JSON.parse(JSON.stringify(body, (k, v) => (typeof v === 'number' && !['step_size', 'min_duration', 'max_duration'].includes(k) ? text(v) : v)));
}
