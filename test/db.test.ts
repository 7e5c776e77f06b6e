/**
 * The data layer on both databases: the numbered migrations apply once (also when two
 * processes race), and the Drizzle schema the code is typed with matches the tables they create.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { loadMigrations, migrate } from '../src/db/migrate.ts';
import * as schema from '../src/db/schema/index.ts';
import { backends, freshDatabase } from './helpers/db.ts';

for (const backend of await backends()) {
  describe(`database on ${backend}`, () => {
    it('has applied every migration once, and applying again does nothing', async () => {
      const t = await freshDatabase(backend);
      try {
        const all = await loadMigrations();
        const rows = await t.database.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
        assert.deepEqual(
          rows.rows.map((r) => r.version),
          all.map((m) => m.version),
        );
        assert.deepEqual(await migrate(t.database), { applied: [] });
        assert.deepEqual(await Promise.all([migrate(t.database), migrate(t.database)]), [{ applied: [] }, { applied: [] }]);
      } finally {
        await t.drop();
      }
    });

    it('refuses a migration edited after it was applied', async () => {
      const t = await freshDatabase(backend);
      try {
        const all = await loadMigrations();
        const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
        await assert.rejects(migrate(t.database, edited), /edited after it was applied/);
      } finally {
        await t.drop();
      }
    });

    it('matches the Drizzle schema: every typed column exists with its nullability', async () => {
      const t = await freshDatabase(backend);
      try {
        const cols = await t.database.query<{ table_name: string; column_name: string; is_nullable: string }>(
          `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
        );
        const actual = new Map(cols.rows.map((c) => [`${c.table_name}.${c.column_name}`, c.is_nullable === 'YES']));
        const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v);
        assert.ok(tables.length >= 8);
        for (const table of tables) {
          const cfg = getTableConfig(table);
          const inDb = [...actual.keys()].filter((k) => k.startsWith(`${cfg.name}.`));
          assert.equal(inDb.length, cfg.columns.length, `${cfg.name}: the table has ${inDb.length} columns, the schema types ${cfg.columns.length}`);
          for (const col of cfg.columns) {
            const key = `${cfg.name}.${col.name}`;
            assert.ok(actual.has(key), `${key} is typed but not in the database`);
            assert.equal(actual.get(key), !col.notNull && !col.primary, `${key} nullability`);
          }
        }
      } finally {
        await t.drop();
      }
    });
  });
}
