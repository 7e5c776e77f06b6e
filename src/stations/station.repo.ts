/** Station, connector and connection-attempt queries, named after their intent. */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { Tx } from '../db/group-commit.ts';
import { containing } from '../db/like.ts';
import { rowsOf } from '../db/rows.ts';
import { connectionAttempts, connectors, stationPresenceEvents, stations } from '../db/schema/index.ts';
import type { BootInfo, StatusReport } from './types.ts';

export type StationRow = typeof stations.$inferSelect;
export type ConnectorRow = typeof connectors.$inferSelect;
export type ConnectionAttemptRow = typeof connectionAttempts.$inferSelect;

export interface NewStation {
  id: string;
  name?: string | null;
  siteId?: string | null;
  passwordHash?: string | null;
  securityProfile: number;
  ocppVersion: string;
}

export interface StationFilter {
  q?: string | undefined;
  connected?: boolean | undefined;
  siteId?: string | undefined;
  limit: number;
  offset: number;
}

export function createStationRepo(db: Db) {
  return {
    /** Inserts a station; false when the id is taken. */
    async insert(s: NewStation): Promise<StationRow | null> {
      const rows = await db.insert(stations).values(s).onConflictDoNothing({ target: stations.id }).returning();
      return rows[0] ?? null;
    },

    /** What the gateway needs to authenticate the upgrades of many stations, in one query. */
    async authInfoOf(ids: string[]): Promise<Array<Pick<StationRow, 'id' | 'passwordHash' | 'securityProfile' | 'ocppVersion'>>> {
      return db
        .select({ id: stations.id, passwordHash: stations.passwordHash, securityProfile: stations.securityProfile, ocppVersion: stations.ocppVersion })
        .from(stations)
        .where(inArray(stations.id, ids));
    },

    async findById(id: string): Promise<StationRow | null> {
      const rows = await db.select().from(stations).where(eq(stations.id, id)).limit(1);
      return rows[0] ?? null;
    },

    async list(f: StationFilter): Promise<{ rows: StationRow[]; total: number }> {
      const conds: SQL[] = [];
      if (f.q) {
        const like = containing(f.q);
        conds.push(or(ilike(stations.id, like), ilike(stations.name, like), ilike(stations.model, like), ilike(stations.vendor, like))!);
      }
      if (f.connected !== undefined) conds.push(eq(stations.connected, f.connected));
      if (f.siteId) conds.push(eq(stations.siteId, f.siteId));
      const where = conds.length ? and(...conds) : undefined;
      const [rows, count] = await Promise.all([
        db.select().from(stations).where(where).orderBy(asc(stations.id)).limit(f.limit).offset(f.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(stations).where(where),
      ]);
      return { rows, total: count[0]?.n ?? 0 };
    },

    async update(id: string, patch: Partial<Omit<StationRow, 'id' | 'createdAt'>>): Promise<StationRow | null> {
      const rows = await db
        .update(stations)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(stations.id, id))
        .returning();
      return rows[0] ?? null;
    },

    async remove(id: string): Promise<boolean> {
      const rows = await db.delete(stations).where(eq(stations.id, id)).returning({ id: stations.id });
      return rows.length > 0;
    },

    async connectorsOf(ids: string[]): Promise<ConnectorRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(connectors)
        .where(inArray(connectors.stationId, ids))
        .orderBy(asc(connectors.stationId), asc(connectors.evseId), asc(connectors.connectorId));
    },

    async setStationStatus(stationId: string, rawStatus: string): Promise<void> {
      await db.update(stations).set({ stationStatus: rawStatus }).where(eq(stations.id, stationId));
    },

    /**
     * At start: stations held by `node` (or by any node, for a single process) before it
     * stopped are no longer connected.
     */
    async releaseNode(node: string | null, at: Date, reason = 'server restarted'): Promise<number> {
      const rows = await db
        .update(stations)
        .set({ connected: false, connectedNode: null, disconnectedAt: at })
        .where(node === null ? eq(stations.connected, true) : and(eq(stations.connectedNode, node), eq(stations.connected, true)))
        .returning({ id: stations.id });
      if (rows.length > 0) {
        await db
          .insert(stationPresenceEvents)
          .values(rows.map((r) => ({ stationId: r.id, connected: false, node, reason, at })));
      }
      return rows.length;
    },

    /**
     * Cluster mode: marks connected to `node` those of its stations the database says are not
     * connected (released while this node was taken for dead), with a presence event each.
     * A station another node holds by the database's account is left alone. Returns their ids.
     */
    async reassertConnected(node: string, held: Array<{ id: string; version: string; connectedAt: Date }>, at: Date): Promise<string[]> {
      if (held.length === 0) return [];
      const res = await db.execute(sql`
        UPDATE stations AS s SET connected = true, connected_node = ${node}, ocpp_version = v.version, connected_at = v.connected_at
        FROM (SELECT unnest(${sql.param(held.map((h) => h.id))}::text[]) AS id,
                     unnest(${sql.param(held.map((h) => h.version))}::text[]) AS version,
                     unnest(${sql.param(held.map((h) => h.connectedAt.toISOString()))}::timestamptz[]) AS connected_at) AS v
        WHERE s.id = v.id AND NOT s.connected
        RETURNING s.id`);
      const ids = rowsOf<{ id: string }>(res).map((r) => r.id);
      if (ids.length > 0) await db.insert(stationPresenceEvents).values(ids.map((stationId) => ({ stationId, connected: true, node, reason: 'still held by this node', at })));
      return ids;
    },

    /** The nodes that hold connected stations, by the database's account. */
    async connectedNodes(): Promise<string[]> {
      const rows = await db.selectDistinct({ node: stations.connectedNode }).from(stations).where(eq(stations.connected, true));
      return rows.map((r) => r.node).filter((n): n is string => n !== null);
    },

    /** Writes many last-seen times in one statement. */
    async saveLastSeen(entries: Array<{ id: string; at: Date }>): Promise<void> {
      if (entries.length === 0) return;
      const ids = entries.map((e) => e.id);
      const times = entries.map((e) => e.at.toISOString());
      await db.execute(sql`
        UPDATE stations AS s SET last_seen_at = v.at
        FROM (SELECT unnest(${sql.param(ids)}::text[]) AS id, unnest(${sql.param(times)}::timestamptz[]) AS at) AS v
        WHERE s.id = v.id AND (s.last_seen_at IS NULL OR s.last_seen_at < v.at)`);
    },

    async recordConnectionAttempt(a: {
      stationId: string;
      reason: string;
      address: string | null;
      subprotocols: string | null;
      at: Date;
    }): Promise<void> {
      await db
        .insert(connectionAttempts)
        .values({ stationId: a.stationId, reason: a.reason, lastAddress: a.address, subprotocols: a.subprotocols, firstAt: a.at, lastAt: a.at })
        .onConflictDoUpdate({
          target: [connectionAttempts.stationId, connectionAttempts.reason],
          set: {
            attempts: sql`${connectionAttempts.attempts} + 1`,
            lastAddress: a.address,
            subprotocols: a.subprotocols,
            lastAt: a.at,
          },
        });
    },

    async listConnectionAttempts(limit: number): Promise<ConnectionAttemptRow[]> {
      return db.select().from(connectionAttempts).orderBy(desc(connectionAttempts.lastAt)).limit(limit);
    },

    async clearConnectionAttempts(stationId: string): Promise<void> {
      await db.delete(connectionAttempts).where(eq(connectionAttempts.stationId, stationId));
    },
  };
}

export type StationRepo = ReturnType<typeof createStationRepo>;
