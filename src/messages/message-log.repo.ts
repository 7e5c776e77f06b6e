/** Queries of the per-station OCPP message log. */
import { and, desc, eq, gte, ilike, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { containing } from '../db/like.ts';
import type { Db } from '../db/database.ts';
import { rowCountOf } from '../db/rows.ts';
import { ocppMessages } from '../db/schema/index.ts';

export type MessageRow = typeof ocppMessages.$inferSelect;
export type NewMessage = typeof ocppMessages.$inferInsert;

export interface MessageQuery {
  stationId: string;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Text anywhere in the payload, the message id or the error code (case-insensitive). */
  q?: string | undefined;
  /** Keyset pagination: only rows with a smaller id. */
  /** Order by id alone (exports page through the whole log by id). */
  byId?: boolean | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export function createMessageLogRepo(db: Db) {
  return {
    /**
     * Writes a batch in one statement with a handful of array parameters: at tens of
     * thousands of frames a second, building a placeholder per value costs more CPU than
     * the database spends storing them.
     */
    async insertMany(rows: NewMessage[]): Promise<void> {
      if (rows.length === 0) return;
      const col = <T>(f: (r: NewMessage) => T) => sql.param(rows.map(f));
      await db.execute(sql`
        INSERT INTO ocpp_messages (station_id, direction, message_type, message_id, action, payload, error_code, at)
        SELECT * FROM unnest(
          ${col((r) => r.stationId)}::text[], ${col((r) => r.direction)}::text[], ${col((r) => r.messageType)}::smallint[],
          ${col((r) => r.messageId)}::text[], ${col((r) => r.action ?? null)}::text[],
          ${col((r) => (r.payload === undefined || r.payload === null ? null : JSON.stringify(r.payload)))}::jsonb[],
          ${col((r) => r.errorCode ?? null)}::text[], ${col((r) => (r.at instanceof Date ? r.at.toISOString() : r.at))}::timestamptz[])`);
    },

    async search(q: MessageQuery): Promise<MessageRow[]> {
      const conds: SQL[] = [eq(ocppMessages.stationId, q.stationId)];
      if (q.action) conds.push(eq(ocppMessages.action, q.action));
      if (q.from) conds.push(gte(ocppMessages.at, q.from));
      if (q.to) conds.push(lte(ocppMessages.at, q.to));
      if (q.beforeId !== undefined) conds.push(lt(ocppMessages.id, q.beforeId));
      if (q.q) {
        const like = containing(q.q);
        conds.push(or(sql`${ocppMessages.payload}::text ILIKE ${like}`, eq(ocppMessages.messageId, q.q), ilike(ocppMessages.errorCode, like))!);
      }
      return db
        .select()
        .from(ocppMessages)
        .where(and(...conds))
        .orderBy(...(q.byId ? [desc(ocppMessages.id)] : [desc(ocppMessages.at), desc(ocppMessages.id)]))
        .limit(q.limit);
    },
  };
}

export type MessageLogRepo = ReturnType<typeof createMessageLogRepo>;
