/**
 * After a crash: a session the killed process ended but never settled (its session.ended event
 * died with it) gets its CDR as soon as a lone process starts again, not a minute or two later
 * when the billing-finalize job would first consider it (ADR 26).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startServer, type TestServer } from './helpers/app.ts';
import { backends, freshDatabase } from './helpers/db.ts';

for (const backend of await backends()) {
  describe(`billing after a crash (${backend})`, () => {
    let s: TestServer | undefined;
    after(() => s?.close());

    it('settles at start the sessions a previous process ended without a CDR', async () => {
      const db = await freshDatabase(backend);
      const ended = new Date(Date.now() - 5_000);
      await db.database.query(`INSERT INTO stations (id, ocpp_version) VALUES ('CRASHED-1', '1.6')`);
      const { rows } = await db.database.query<{ id: string }>(
        `INSERT INTO sessions (station_id, evse_id, connector_id, transaction_id, status, started_at, ended_at, ended_by, stop_reason, meter_start_wh, meter_stop_wh, energy_wh)
         VALUES ('CRASHED-1', 1, 1, '1', 'completed', $1, $2, 'station', 'Local', 1000, 3000, 2000) RETURNING id`,
        [new Date(ended.getTime() - 3_600_000), ended],
      );
      s = await startServer(backend, { db });
      // The run started at listen (the scheduler hands back the run in progress).
      await s.app.services.scheduler.runNow('billing-finalize');
      const cdr = await s.api('GET', `/api/v1/sessions/${rows[0]!.id}/cdr`);
      assert.equal(cdr.status, 200, JSON.stringify(cdr.body));
      assert.equal(cdr.body.session_id, rows[0]!.id);
    });
  });
}
