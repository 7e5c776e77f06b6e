import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../log.ts';
import { createStatusResync } from './status-resync.ts';

const log = createLogger('silent');
const until = async (ok: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('never happened');
    await new Promise((r) => setTimeout(r, 5));
  }
};

function harness(connectors: Record<string, { evseId: number; connectorId: number }[]>) {
  const db = { up: true, readsFail: false };
  const asked: string[] = [];
  const resync = createStatusResync({
    log,
    retryMs: 10,
    databaseUp: async () => db.up,
    connectorsOf: async (id) => {
      if (db.readsFail) throw new Error('Connection terminated unexpectedly');
      return connectors[id] ?? [];
    },
    trigger: async (id, evseId, connectorId) => {
      asked.push(`${id}/${evseId}/${connectorId}`);
      return 'Accepted';
    },
  });
  return { db, asked, resync };
}

describe('status resync after an outage', () => {
  it('asks each station that lost a status, for each of its connectors, once the database is back', async () => {
    const { db, asked, resync } = harness({ A: [{ evseId: 1, connectorId: 1 }, { evseId: 2, connectorId: 1 }], B: [{ evseId: 1, connectorId: 1 }] });
    db.up = false;
    resync.unstored('A');
    resync.unstored('B');
    resync.unstored('A');
    await until(() => resync.waiting === 2);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(asked, [], 'nothing is asked while the database is away');
    db.up = true;
    await until(() => asked.length === 3);
    assert.deepEqual(asked.sort(), ['A/1/1', 'A/2/1', 'B/1/1']);
    assert.equal(resync.waiting, 0);
    resync.stop();
  });

  it('remembers nothing when the database is up: a failure that is not an outage would repeat', async () => {
    const { asked, resync } = harness({ A: [{ evseId: 1, connectorId: 1 }] });
    resync.unstored('A');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(resync.waiting, 0);
    assert.deepEqual(asked, []);
    resync.stop();
  });

  it('waits again when the database goes away before the connectors are read', async () => {
    const { db, asked, resync } = harness({ A: [{ evseId: 1, connectorId: 1 }] });
    db.up = false;
    resync.unstored('A');
    await until(() => resync.waiting === 1);
    db.up = true;
    db.readsFail = true;
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(asked, []);
    db.readsFail = false;
    await until(() => asked.length === 1);
    assert.deepEqual(asked, ['A/1/1']);
    resync.stop();
  });

  it('stops asking once stopped', async () => {
    const { db, asked, resync } = harness({ A: [{ evseId: 1, connectorId: 1 }] });
    db.up = false;
    resync.unstored('A');
    await until(() => resync.waiting === 1);
    resync.stop();
    db.up = true;
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(asked, []);
  });
});
