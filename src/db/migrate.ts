/**
 * Numbered, forward-only migrations (`NNNN_name.sql` in ./migrations), the same files on
 * PostgreSQL and PGlite. Each runs in its own transaction under an advisory lock, and is
 * re-checked after the lock is taken, so several nodes starting at once apply each once.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Arbitrary constant: the advisory lock key all Straumur nodes use for migrations. */
const LOCK_KEY = 7_301_415_926;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m?.[1] || !m[2]) throw new Error(`Migration file ${file} is not named NNNN_name.sql`);
    if (out.some((x) => x.version === m[1])) throw new Error(`Two migrations share the number ${m[1]}`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    out.push({ version: m[1], name: m[2], sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}

export interface MigrateResult {
  applied: string[];
}

export async function migrate(database: Database, migrations?: Migration[]): Promise<MigrateResult> {
  const list = migrations ?? (await loadMigrations());
  await database.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const done = await database.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations');
  const known = new Map(done.rows.map((r) => [r.version, r.checksum]));
  for (const m of list) {
    const seen = known.get(m.version);
    if (seen && seen !== m.checksum) {
      throw new Error(`Migration ${m.version}_${m.name} was edited after it was applied; add a new migration instead`);
    }
  }
  const applied: string[] = [];
  for (const m of list) {
    if (known.has(m.version)) continue;
    const ran = await database.transaction(async (s) => {
      await s.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const again = await s.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (again.rows.length > 0) return false;
      await s.exec(m.sql);
      await s.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return true;
    });
    if (ran) applied.push(`${m.version}_${m.name}`);
  }
  return { applied };
}
