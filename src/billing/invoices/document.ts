/**
 * The lines and totals of a receipt, invoice or credit note. Each line's amount excl. VAT is
 * already money (rounded once where it was priced); VAT is computed once per rate on the sum
 * of that rate's lines, the same rule that prices a session, so a receipt repeats its
 * session's numbers exactly.
 */
import { formatMinor } from '../money.ts';
import { Q } from '../pricing/rational.ts';

export interface DocumentLine {
  description: string;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  /** VAT percentage as decimal text, or null for no VAT. */
  vatPercent: string | null;
  exclMinor: bigint;
  sessionId?: string | undefined;
}

export interface VatBreakdown {
  percent: string | null;
  baseMinor: bigint;
  vatMinor: bigint;
}

export function totalsOf(lines: DocumentLine[]): { vat: VatBreakdown[]; excl: bigint; vatTotal: bigint; incl: bigint } {
  const byRate = new Map<string, VatBreakdown>();
  for (const l of lines) {
    const key = l.vatPercent === null ? 'none' : Q.parse(l.vatPercent)!.toFixed(4);
    const v = byRate.get(key) ?? { percent: l.vatPercent === null ? null : key, baseMinor: 0n, vatMinor: 0n };
    v.baseMinor += l.exclMinor;
    byRate.set(key, v);
  }
  for (const v of byRate.values()) v.vatMinor = v.percent === null ? 0n : new Q(v.baseMinor).mul(Q.parse(v.percent)!).div(Q.of(100)).round();
  const vat = [...byRate.values()];
  const excl = lines.reduce((a, l) => a + l.exclMinor, 0n);
  const vatTotal = vat.reduce((a, v) => a + v.vatMinor, 0n);
  return { vat, excl, vatTotal, incl: excl + vatTotal };
}

/** Lines as stored (jsonb) and shown: amounts as decimal strings. */
export const linesJson = (lines: DocumentLine[], currency: string) =>
  lines.map(({ exclMinor, ...l }) => ({ ...l, exclVat: formatMinor(exclMinor, currency), exclMinor: exclMinor.toString() }));

export const vatJson = (vat: VatBreakdown[], currency: string) =>
  vat.map((v) => ({ percent: v.percent, base: formatMinor(v.baseMinor, currency), amount: formatMinor(v.vatMinor, currency) }));
