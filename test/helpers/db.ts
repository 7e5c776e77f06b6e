/**
 * Fresh databases for tests: a new PostgreSQL database on the local server (dropped after),
 * or an in-memory PGlite loaded from a migrated template. Under CI=true the PostgreSQL
 * backend is always included, so a missing server fails the run instead of skipping it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';

export type Backend = 'pglite' | 'postgres';

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const inCi = process.env.CI === 'true';

let reachable: Promise<boolean> | undefined;
async function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return reachable;
}

/** The backends to run data tests on; PostgreSQL is skipped (with a note) only outside CI. */
export async function backends(): Promise<Backend[]> {
  if (process.env.TEST_BACKENDS) return process.env.TEST_BACKENDS.split(',') as Backend[];
  if (inCi || (await postgresReachable())) return ['pglite', 'postgres'];
  process.stderr.write(`note: PostgreSQL at ${adminUrl} is not reachable; running on PGlite only (CI=true makes this a failure)\n`);
  return ['pglite'];
}

export interface TestDatabase {
  database: Database;
  /** The connection URL (PostgreSQL only), for processes started by the test. */
  url: string | null;
  drop(): Promise<void>;
}

async function templateDump(): Promise<Blob> {
  const migrations = await loadMigrations();
  const key = createHash('sha256')
    .update(migrations.map((m) => m.checksum).join(','))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(tmpdir(), `straumur-pglite-${key}.tar`);
  if (existsSync(file)) return new Blob([await readFile(file)]);
  const pglite = await PGlite.create();
  const db = await openDatabase({ pglite });
  await migrate(db, migrations);
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await rename(tmp, file);
  return dump;
}

export async function freshDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const pglite = await PGlite.create({ loadDataDir: await templateDump() });
    const database = await openDatabase({ pglite });
    return { database, url: null, drop: () => database.close() };
  }
  const name = `straumur_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is required for this test (${adminUrl}) and is not reachable: ${(err as Error).message}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  await migrate(database);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close().catch(() => {});
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
