/**
 * Money in integer minor units of its currency. The exponent is ISO 4217's: most currencies
 * have two decimals, ISK and JPY none, BHD three. API amounts are decimal strings ("7.44",
 * "1250" for ISK), never floats.
 */
import { decimalText, Q } from './pricing/rational.ts';

/** ISO 4217 currencies whose minor unit is not 1/100. */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export const isCurrency = (c: string) => /^[A-Z]{3}$/.test(c);

export function exponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/** An exact amount in major units (e.g. 7.4449 EUR) rounded once, half away from zero, to minor units. */
export function toMinor(amount: Q, currency: string): bigint {
  return amount.mul(new Q(10n ** BigInt(exponent(currency)))).round();
}

/** Minor units as the API's decimal string, with all the currency's decimals ("7.40", "1250"). */
export function formatMinor(minor: bigint | number, currency: string): string {
  const e = exponent(currency);
  const text = decimalText(BigInt(minor), e);
  if (e === 0) return text;
  const [int, frac = ''] = text.split('.');
  return `${int}.${frac.padEnd(e, '0')}`;
}

/** A decimal amount given in the API, exactly in minor units; null when it has more decimals than the currency. */
export function parseAmount(text: string | number, currency: string): bigint | null {
  const q = Q.parse(text);
  if (!q) return null;
  const scaled = q.mul(new Q(10n ** BigInt(exponent(currency))));
  return scaled.d === 1n ? scaled.n : null;
}

/** Minor units as an exact major-unit rational (for OCPP's totalCost, a JSON number, at the edge). */
export const majorOf = (minor: bigint, currency: string) => new Q(minor, 10n ** BigInt(exponent(currency)));
