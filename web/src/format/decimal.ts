/** Exact sums and day arithmetic for what the API sends as decimal strings and dates. */

/** The exact sum of decimal strings ("7.40" + "0.05" = "7.45"), with as many decimals as the longest. */
export function sumDecimals(values: string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  let total = 0n;
  for (const v of values) {
    const neg = v.startsWith('-');
    const [int = '0', frac = ''] = v.replace('-', '').split('.');
    const n = BigInt(int + frac.padEnd(scale, '0'));
    total += neg ? -n : n;
  }
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${text}` : text;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
