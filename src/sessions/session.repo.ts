/** Session, session event and meter sample queries, named after their intent. */
import { and, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rowsOf } from '../db/rows.ts';
import { meterSamples, remoteStarts, sessionEvents, sessions } from '../db/schema/index.ts';
import type { NormalizedSample } from './measurands.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;
/** A transaction (the repo's functions run inside one when given it). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface SessionFilter {
  stationId?: string | undefined;
  driverId?: string | undefined;
  tokenUid?: string | undefined;
  status?: 'active' | 'completed' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

export function createSessionRepo(db: Db) {
  return {
    db,

    /** The next 1.6 transaction id (an int32 the CSMS chooses). */
    async nextTransactionNumber(tx: Tx | Db = db): Promise<number> {
      const rows = rowsOf<{ n: number }>(await tx.execute(sql`SELECT nextval('ocpp16_transaction_id_seq')::int AS n`));
      return rows[0]!.n;
    },

    async nextRemoteStartId(): Promise<number> {
      const rows = rowsOf<{ n: number }>(await db.execute(sql`SELECT nextval('remote_start_id_seq')::int AS n`));
      return rows[0]!.n;
    },

    /** Inserts a session unless its transaction (or 1.6 start key) is already known; null then. */
    async insert(tx: Tx, s: NewSession): Promise<SessionRow | null> {
      const rows = await tx.insert(sessions).values(s).onConflictDoNothing().returning();
      return rows[0] ?? null;
    },

    async byTransaction(tx: Tx | Db, stationId: string, transactionId: string, lock = false): Promise<SessionRow | null> {
      const q = tx
        .select()
        .from(sessions)
        .where(and(eq(sessions.stationId, stationId), eq(sessions.transactionId, transactionId)))
        .limit(1);
      const rows = lock ? await q.for('update') : await q;
      return rows[0] ?? null;
    },

    async byStartKey(tx: Tx | Db, stationId: string, startKey: string): Promise<SessionRow | null> {
      const rows = await tx
        .select()
        .from(sessions)
        .where(and(eq(sessions.stationId, stationId), eq(sessions.startKey, startKey)))
        .limit(1);
      return rows[0] ?? null;
    },

    async byId(id: string): Promise<SessionRow | null> {
      const rows = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
      return rows[0] ?? null;
    },

    /** The session that was running on an EVSE at a moment (for meter values sent without a transaction). */
    async onEvseAt(tx: Tx | Db, stationId: string, evseId: number, at: Date): Promise<SessionRow | null> {
      const rows = await tx
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.stationId, stationId),
            eq(sessions.evseId, evseId),
            lte(sessions.startedAt, at),
            or(isNull(sessions.endedAt), gte(sessions.endedAt, at)),
          ),
        )
        .orderBy(desc(sessions.startedAt))
        .limit(1);
      return rows[0] ?? null;
    },

    async activeByToken(uid: string): Promise<SessionRow | null> {
      const rows = await db
        .select()
        .from(sessions)
        .where(and(sql`lower(${sessions.tokenUid}) = lower(${uid})`, eq(sessions.status, 'active')))
        .limit(1);
      return rows[0] ?? null;
    },

    async activeOnStations(stationIds: string[]): Promise<SessionRow[]> {
      if (stationIds.length === 0) return [];
      return db
        .select()
        .from(sessions)
        .where(and(inArray(sessions.stationId, stationIds), eq(sessions.status, 'active')));
    },

    async update(tx: Tx | Db, id: string, patch: Partial<NewSession>): Promise<SessionRow> {
      const rows = await tx
        .update(sessions)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(sessions.id, id))
        .returning();
      return rows[0]!;
    },

    /** Records an event; false when it is a retransmission (same session and sequence number). */
    async insertEvent(
      tx: Tx,
      e: { sessionId: string; seqNo: number | null; kind: string; triggerReason?: string | null; chargingState?: string | null; offline: boolean; at: Date },
    ): Promise<boolean> {
      const rows = await tx.insert(sessionEvents).values(e).onConflictDoNothing().returning({ id: sessionEvents.id });
      return rows.length > 0;
    },

    /** Stores samples; a retransmitted one (same station, EVSE, session, time, measurand, phase, location) is stored once. */
    async insertSamples(tx: Tx, stationId: string, evseId: number, sessionId: string | null, samples: NormalizedSample[]): Promise<void> {
      if (samples.length === 0) return;
      await tx
        .insert(meterSamples)
        .values(
          samples.map((s) => ({
            stationId,
            evseId,
            sessionId,
            at: s.at,
            measurand: s.measurand,
            phase: s.phase,
            location: s.location,
            context: s.context,
            value: s.value,
            unit: s.unit,
          })),
        )
        .onConflictDoNothing();
    },

    /** Closes a station's running sessions that began before it rebooted; returns them. */
    async closeActiveOnStation(stationId: string, before: Date, reason: string, tx: Tx | Db = db): Promise<SessionRow[]> {
      return tx
        .update(sessions)
        .set({
          status: 'completed',
          endedAt: sql`coalesce(${sessions.lastSampleAt}, ${sessions.startedAt})`,
          stopReason: reason,
          endedBy: 'csms',
          updatedAt: sql`now()`,
        })
        .where(and(eq(sessions.stationId, stationId), eq(sessions.status, 'active'), lte(sessions.startedAt, before)))
        .returning();
    },

    async list(f: SessionFilter): Promise<{ rows: SessionRow[]; total: number }> {
      const conds: SQL[] = [];
      if (f.stationId) conds.push(eq(sessions.stationId, f.stationId));
      if (f.driverId) conds.push(eq(sessions.driverId, f.driverId));
      if (f.tokenUid) conds.push(sql`lower(${sessions.tokenUid}) = lower(${f.tokenUid})`);
      if (f.status) conds.push(eq(sessions.status, f.status));
      if (f.from) conds.push(gte(sessions.startedAt, f.from));
      if (f.to) conds.push(lte(sessions.startedAt, f.to));
      const where = conds.length ? and(...conds) : undefined;
      const [rows, count] = await Promise.all([
        db.select().from(sessions).where(where).orderBy(desc(sessions.startedAt)).limit(f.limit).offset(f.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(sessions).where(where),
      ]);
      return { rows, total: count[0]?.n ?? 0 };
    },

    async samples(sessionId: string, measurands: string[] | undefined, limit: number) {
      const conds: SQL[] = [eq(meterSamples.sessionId, sessionId)];
      if (measurands?.length) conds.push(inArray(meterSamples.measurand, measurands));
      return db
        .select()
        .from(meterSamples)
        .where(and(...conds))
        .orderBy(meterSamples.at)
        .limit(limit);
    },

    async insertRemoteStart(r: typeof remoteStarts.$inferInsert): Promise<void> {
      await db.insert(remoteStarts).values(r);
    },

    async setRemoteStartStatus(id: number, status: string): Promise<void> {
      await db.update(remoteStarts).set({ status }).where(eq(remoteStarts.id, id));
    },

    /** The latest accepted remote start for a token on a station, within `since` (1.6 carries no remote start id). */
    async recentRemoteStart(tx: Tx, stationId: string, uid: string, since: Date): Promise<{ id: number; driverId: string | null } | null> {
      const rows = await tx
        .select({ id: remoteStarts.id, driverId: remoteStarts.driverId })
        .from(remoteStarts)
        .where(
          and(eq(remoteStarts.stationId, stationId), sql`lower(${remoteStarts.uid}) = lower(${uid})`, gte(remoteStarts.requestedAt, since), eq(remoteStarts.status, 'Accepted')),
        )
        .orderBy(desc(remoteStarts.requestedAt))
        .limit(1);
      return rows[0] ?? null;
    },
  };
}

export type SessionRepo = ReturnType<typeof createSessionRepo>;
