/**
 * Gap-free document numbers. Tax rules want receipts and invoices numbered without gaps, so a
 * sequence (which skips numbers on rollback) will not do: a counter row per series and year is
 * moved inside the transaction that issues the document. Concurrent issuers wait on the row
 * lock; a rolled-back issue rolls its number back too.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.ts';
import type { Db } from '../../db/database.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const series = { receipt: 'RCT', invoice: 'INV', credit_note: 'CN' } as const;
export type DocumentKind = keyof typeof series;

export async function nextNumber(tx: Tx, kind: DocumentKind, year: number, prefix: string): Promise<string> {
  const rows = rowsOf<{ last: number }>(
    await tx.execute(sql`
      INSERT INTO document_counters (series, year, last) VALUES (${series[kind]}, ${year}, 1)
      ON CONFLICT (series, year) DO UPDATE SET last = document_counters.last + 1
      RETURNING last`),
  );
  const n = String(rows[0]!.last).padStart(6, '0');
  return `${prefix ? `${prefix}-` : ''}${series[kind]}-${year}-${n}`;
}
