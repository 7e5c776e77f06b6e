/** The audit log's queries: one insert per audited request, and a filtered, paged search. */
import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { startingWith } from '../db/like.ts';
import { auditLog } from '../db/schema/index.ts';

export type AuditEntryRow = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;

export interface AuditLogQuery {
  actor?: string | undefined;
  action?: string | undefined;
  /** Matches targets that start with this (a station id finds its connectors' entries too). */
  target?: string | undefined;
  outcome?: 'ok' | 'refused' | 'failed' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export function createAuditLogRepo(db: Db) {
  return {
    async insert(row: NewAuditEntry): Promise<void> {
      await db.insert(auditLog).values(row);
    },
    async search(q: AuditLogQuery): Promise<AuditEntryRow[]> {
      const conds: SQL[] = [];
      if (q.actor) conds.push(eq(auditLog.actor, q.actor));
      if (q.action) conds.push(eq(auditLog.action, q.action));
      if (q.target) conds.push(like(auditLog.target, startingWith(q.target)));
      if (q.outcome) conds.push(eq(auditLog.outcome, q.outcome));
      if (q.from) conds.push(gte(auditLog.at, q.from));
      if (q.to) conds.push(lte(auditLog.at, q.to));
      if (q.beforeId !== undefined) conds.push(lt(auditLog.id, q.beforeId));
      return db
        .select()
        .from(auditLog)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(q.limit);
    },
  };
}

export type AuditLogRepo = ReturnType<typeof createAuditLogRepo>;
