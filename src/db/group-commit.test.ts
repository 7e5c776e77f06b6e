import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { backends, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { createLogger } from '../log.ts';
import { type BatchWriter, GroupCommit } from './group-commit.ts';
import { rowsOf } from './rows.ts';

const log = createLogger('silent');

/** Inserts each item as a row of a scratch table; a negative value fails its batch. */
const writer: BatchWriter<number, number> = {
  name: 'scratch',
  async write(tx, items) {
    if (items.some((n) => n < 0)) throw new Error('negative');
    await tx.execute(sql`INSERT INTO gc_scratch (n) SELECT unnest(${sql.param(items)}::int[])`);
    return items.map((n) => n * 2);
  },
};

for (const backend of await backends()) {
  describe(`group commit on ${backend}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase(backend);
      await t.database.query('CREATE TABLE gc_scratch (n int NOT NULL)');
    });
    after(() => t.drop());
    const count = async () => rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM gc_scratch`))[0]!.n;

    it('writes many stations\' items in few transactions and answers each after its commit', async () => {
      const gc = new GroupCommit({ db: t.database.db, log, windowMs: 5, shards: 2 });
      const before = await count();
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          gc.submit(`CP-${i % 50}`, writer, i).then(async (r) => {
            assert.ok((await count()) > before, 'committed before answered');
            return r;
          }),
        ),
      );
      assert.deepEqual(results, Array.from({ length: 200 }, (_, i) => i * 2));
      assert.equal(gc.stats.items, 200);
      assert.ok(gc.stats.batches <= 10, `${gc.stats.batches} transactions for 200 items`);
      await gc.close();
    });

    it('a failing item fails alone; the others of its batch are written', async () => {
      const gc = new GroupCommit({ db: t.database.db, log, windowMs: 5, shards: 1 });
      const before = await count();
      const settled = await Promise.allSettled([gc.submit('A', writer, 1), gc.submit('B', writer, -1), gc.submit('C', writer, 3)]);
      assert.deepEqual(
        settled.map((s) => s.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.equal((await count()) - before, 2);
      assert.equal(gc.stats.retried, 3);
      await gc.close();
    });

    it('keeps one key\'s writes in order and runs plain functions in the shared transaction', async () => {
      const gc = new GroupCommit({ db: t.database.db, log, windowMs: 1, shards: 4 });
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          gc.run('same-station', async (tx) => {
            await tx.execute(sql`SELECT 1`);
            order.push(i);
          }),
        ),
      );
      assert.deepEqual(order, Array.from({ length: 20 }, (_, i) => i));
      await gc.close();
      await assert.rejects(gc.submit('A', writer, 1), /closed/);
    });
  });
}
