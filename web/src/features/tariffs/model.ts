/** The tariff body the editor works on (the API's OCPI 2.2.1 shape) and its blank parts. */
import type { paths } from '../../api/schema.d.ts';

export type TariffBody = paths['/api/v1/tariffs']['post']['requestBody']['content']['application/json'];
export type Element = TariffBody['elements'][number];
export type Component = Element['price_components'][number];
export type Restrictions = NonNullable<Element['restrictions']>;
export type Dimension = Component['type'];

export const dimensions: Dimension[] = ['ENERGY', 'TIME', 'PARKING_TIME', 'FLAT'];
export const days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

export const blankComponent = (type: Dimension = 'ENERGY'): Component => ({ type, price: '0', vat: '24', step_size: type === 'ENERGY' ? 1 : type === 'FLAT' ? 0 : 60 });
export const blankElement = (): Element => ({ price_components: [blankComponent()] });
export const blankTariff = (currency: string): TariffBody => ({ name: '', currency, elements: [blankElement()] });

/** The editable fields of a saved tariff (what PUT takes back). */
export function bodyOf(t: TariffBody & Record<string, unknown>): TariffBody {
  const { name, currency, elements, min_price, max_price, preauthorize_amount, tariff_alt_text } = t;
  return {
    ...(name ? { name } : {}),
    currency,
    elements,
    ...(min_price ? { min_price } : {}),
    ...(max_price ? { max_price } : {}),
    ...(preauthorize_amount ? { preauthorize_amount } : {}),
    ...(tariff_alt_text ? { tariff_alt_text } : {}),
    ...(t.default ? { default: true } : {}),
  };
}

/** A restriction value typed in a text box: empty means none. */
export function setRestriction(r: Restrictions | null | undefined, key: keyof Restrictions, value: unknown): Restrictions | null {
  const next: Record<string, unknown> = { ...(r ?? {}) };
  if (value === '' || value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return Object.keys(next).length ? (next as Restrictions) : null;
}
