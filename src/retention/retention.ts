/**
 * Data retention: the logs that grow with every message, decision and action are kept for
 * a period each and deleted after it, hourly, in bounded chunks so a delete never holds a
 * long lock. Money (sessions, samples, CDRs, invoices, payments) is never deleted here.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { RetentionConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { rowCountOf } from '../db/rows.ts';
import type { Logger } from '../log.ts';

/** A log table with a bigint `id` and a timestamptz `at`, and how many days of it to keep (0: forever). */
export interface RetentionPolicy {
  table: 'ocpp_messages' | 'audit_log' | 'command_audit' | 'authorization_decisions';
  days: number;
}

/** Deletes the rows of `table` older than `cutoff`, `chunk` at a time. Returns how many. */
export async function deleteOlderThan(db: Db, table: RetentionPolicy['table'], cutoff: Date, chunk = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const res = await db.execute(sql`
      DELETE FROM ${sql.identifier(table)} WHERE id IN (
        SELECT id FROM ${sql.identifier(table)} WHERE at < ${cutoff.toISOString()}::timestamptz LIMIT ${chunk})`);
    const n = rowCountOf(res);
    total += n;
    if (n < chunk) return total;
  }
}

export interface Retention {
  /** Applies every policy now; returns the rows deleted per table. */
  apply(): Promise<Record<string, number>>;
}

/** Which table each setting keeps: the audit trails share one period. */
export const policiesOf = (c: RetentionConfig): RetentionPolicy[] => [
  { table: 'ocpp_messages', days: c.messageLogDays },
  { table: 'audit_log', days: c.auditLogDays },
  { table: 'command_audit', days: c.auditLogDays },
  { table: 'authorization_decisions', days: c.authorizationLogDays },
];

export function createRetention(deps: { db: Db; clock: Clock; log: Logger; config: RetentionConfig }): Retention {
  const policies = policiesOf(deps.config);
  return {
    async apply() {
      const deleted: Record<string, number> = {};
      for (const p of policies) {
        if (p.days <= 0) continue;
        const cutoff = new Date(deps.clock.now().getTime() - p.days * 86_400_000);
        deleted[p.table] = await deleteOlderThan(deps.db, p.table, cutoff);
        if (deleted[p.table]! > 0) deps.log.info({ table: p.table, deleted: deleted[p.table], cutoff }, 'retention applied');
      }
      return deleted;
    },
  };
}
