/** The command audit log: one row per command sent, whatever became of it. */
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { commandAudit } from '../db/schema/index.ts';

export type AuditRow = typeof commandAudit.$inferSelect;
export type NewAudit = typeof commandAudit.$inferInsert;

export interface AuditQuery {
  stationId?: string | undefined;
  actor?: string | undefined;
  command?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export function createAuditRepo(db: Db) {
  return {
    async insert(row: NewAudit): Promise<void> {
      await db.insert(commandAudit).values(row);
    },
    async search(q: AuditQuery): Promise<AuditRow[]> {
      const conds: SQL[] = [];
      if (q.stationId) conds.push(eq(commandAudit.stationId, q.stationId));
      if (q.actor) conds.push(eq(commandAudit.actor, q.actor));
      if (q.command) conds.push(eq(commandAudit.command, q.command));
      if (q.from) conds.push(gte(commandAudit.at, q.from));
      if (q.to) conds.push(lte(commandAudit.at, q.to));
      if (q.beforeId !== undefined) conds.push(lt(commandAudit.id, q.beforeId));
      return db
        .select()
        .from(commandAudit)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(commandAudit.id))
        .limit(q.limit);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
