/**
 * The database connection: PostgreSQL when DATABASE_URL is set, otherwise an embedded
 * PostgreSQL (PGlite) persisted under DATA_DIR. Both expose the same typed Drizzle layer and
 * the same raw session for migrations and hot-path SQL, so every capability runs on either.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A plain SQL session: used by migrations (multi-statement text) and by batched hot-path writes. */
export interface RawSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs SQL text that may hold several statements; no parameters. */
  exec(text: string): Promise<void>;
}

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /** Raw SQL outside a transaction. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs `fn` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (s: RawSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string | undefined;
  poolSize?: number;
  dataDir?: string;
  /** An already open PGlite (tests load a migrated template into memory). */
  pglite?: PGlite;
}

// int8 and numeric come back as strings from pg; the columns that need numbers say so in the schema.

/** Closing twice is harmless (the app closes its database; a test may too). */
function once(fn: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= fn());
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  if (opts.pglite) return wrapPglite(opts.pglite);
  const dir = path.resolve(opts.dataDir ?? './data', 'pglite');
  await mkdir(dir, { recursive: true });
  return wrapPglite(await PGlite.create(dir));
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server (a PostgreSQL restart) emits 'error' on the pool; without
  // a listener that would crash the process. The next query gets a fresh connection.
  pool.on('error', () => {});
  // A client checked out of the pool (ours in `transaction`, Drizzle's in `db.transaction`) has no
  // listener of the pool's: if the server goes away meanwhile, its 'error' event would crash the
  // process. The query in progress fails on its own, and the pool discards the broken client.
  pool.on('connect', (client) => client.on('error', () => {}));
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    query: async (text, params) => pool.query(text, params as unknown[]) as never,
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (text, params) => client.query(text, params as unknown[]) as never,
          exec: async (text) => {
            await client.query(text);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: once(() => pool.end()),
  };
}

function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    query: async (text, params) => client.query(text, params) as never,
    transaction: (fn) =>
      client.transaction((tx) =>
        fn({
          query: async (text, params) => tx.query(text, params) as never,
          exec: async (text) => {
            await tx.exec(text);
          },
        }),
      ),
    close: once(() => client.close()),
  };
}
