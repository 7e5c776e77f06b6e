/**
 * Exact decimals for meter values. Stations send readings as decimal text (1.6) or JSON
 * numbers (2.x) in Wh or kWh; energy is kept in integer Wh. Converting through floats would
 * turn 12.345 kWh into 12344.999... Wh, so values are scaled as decimal digits, and rounded
 * once, half away from zero, when an integer is needed.
 */

/** value = digits × 10^-scale */
export interface Decimal {
  digits: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

export function parseDecimal(text: string | number): Decimal | null {
  const s = typeof text === 'number' ? (Number.isFinite(text) ? String(text) : '') : text.trim();
  const m = DECIMAL.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  let scale = frac.length - Number(exp);
  let digits = BigInt(`${int}${frac}` || '0');
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (scale > 30) return null;
  return { digits: sign === '-' ? -digits : digits, scale };
}

/** Multiplies by 10^power exactly. */
export function shift(d: Decimal, power: number): Decimal {
  if (power >= 0) {
    const take = Math.min(power, d.scale);
    return { digits: d.digits * 10n ** BigInt(power - take), scale: d.scale - take };
  }
  return { digits: d.digits, scale: d.scale - power };
}

/** Rounds to an integer, half away from zero. */
export function roundToInteger(d: Decimal): bigint {
  if (d.scale === 0) return d.digits;
  const unit = 10n ** BigInt(d.scale);
  const q = d.digits / unit;
  const r = d.digits % unit;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= unit) return d.digits < 0n ? q - 1n : q + 1n;
  return q;
}

/** The canonical text of a decimal (no exponent, no trailing zeros), as PostgreSQL numeric reads it. */
export function toText(d: Decimal): string {
  const neg = d.digits < 0n;
  let s = (neg ? -d.digits : d.digits).toString();
  if (d.scale > 0) {
    s = s.padStart(d.scale + 1, '0');
    s = `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}`.replace(/\.?0+$/, '');
  }
  return `${neg && s !== '0' ? '-' : ''}${s}`;
}
