/**
 * Exact rational numbers (bigint numerator and denominator) for the pricing engine. Prices,
 * energy and time are multiplied and divided exactly; an amount is rounded once, on purpose,
 * when it becomes money (STYLE principle 13). No floats anywhere on this path.
 */

const abs = (v: bigint) => (v < 0n ? -v : v);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

export class Q {
  readonly n: bigint;
  readonly d: bigint;

  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d) || 1n;
    this.n = n / g;
    this.d = d / g;
  }

  static of(v: number | bigint): Q {
    if (typeof v === 'number' && !Number.isInteger(v)) throw new RangeError(`Q.of wants an integer, got ${v}`);
    return new Q(BigInt(v));
  }

  /** Exact value of decimal text ("0.25", "12", "-1.5e-3"); null when it is not a number. */
  static parse(text: string | number): Q | null {
    const s = typeof text === 'number' ? (Number.isFinite(text) ? String(text) : '') : text.trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
    const [, sign, int = '', frac = '', exp = '0'] = m;
    const scale = frac.length - Number(exp);
    const digits = BigInt(`${int}${frac}` || '0') * (sign === '-' ? -1n : 1n);
    return scale >= 0 ? new Q(digits, 10n ** BigInt(scale)) : new Q(digits * 10n ** BigInt(-scale));
  }

  add(o: Q): Q {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Q): Q {
    return new Q(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Q): Q {
    return new Q(this.n * o.n, this.d * o.d);
  }
  div(o: Q): Q {
    return new Q(this.n * o.d, this.d * o.n);
  }
  cmp(o: Q): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o: Q): boolean {
    return this.cmp(o) < 0;
  }
  gt(o: Q): boolean {
    return this.cmp(o) > 0;
  }
  eq(o: Q): boolean {
    return this.cmp(o) === 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  floor(): bigint {
    const q = this.n / this.d;
    return this.n < 0n && q * this.d !== this.n ? q - 1n : q;
  }
  ceil(): bigint {
    const q = this.n / this.d;
    return this.n > 0n && q * this.d !== this.n ? q + 1n : q;
  }
  /** Rounds half away from zero, the rule for every amount of money (docs/adr/0008). */
  round(): bigint {
    const twice = abs(this.n) * 2n;
    const q = abs(this.n) / this.d;
    const r = twice - q * 2n * this.d;
    const up = r >= this.d ? q + 1n : q;
    return this.n < 0n ? -up : up;
  }
  /** Decimal text rounded (half away from zero) to at most `places` decimals, trailing zeros dropped. */
  toFixed(places: number): string {
    const scaled = this.mul(new Q(10n ** BigInt(places))).round();
    return decimalText(scaled, places);
  }
}

export const ZERO = new Q(0n);
export const ONE = new Q(1n);
export const min = (a: Q, b: Q) => (a.lt(b) ? a : b);
export const max = (a: Q, b: Q) => (a.gt(b) ? a : b);
export const sum = (xs: Q[]) => xs.reduce((a, b) => a.add(b), ZERO);

/** `units` × 10^-places as decimal text without trailing zeros ("7.4", "12"). */
export function decimalText(units: bigint, places: number): string {
  const neg = units < 0n;
  let s = abs(units).toString();
  if (places > 0) {
    s = s.padStart(places + 1, '0');
    s = `${s.slice(0, -places)}.${s.slice(-places)}`.replace(/\.?0+$/, '');
  }
  return `${neg && s !== '0' ? '-' : ''}${s}`;
}
