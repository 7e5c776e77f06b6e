import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createLogger } from '../log.ts';
import { LocalScheduler } from './scheduler.ts';

it('runs a job every interval, one run at a time, and survives a failing run', async () => {
  const s = new LocalScheduler(createLogger('silent'));
  let runs = 0;
  let overlapping = false;
  let busy = false;
  s.every('tick', 20, async () => {
    if (busy) overlapping = true;
    busy = true;
    runs++;
    await new Promise((r) => setTimeout(r, 30));
    busy = false;
    if (runs === 1) throw new Error('first run fails');
  });
  s.start();
  await new Promise((r) => setTimeout(r, 200));
  await s.stop();
  assert.ok(runs >= 3, `ran ${runs} times`);
  assert.equal(overlapping, false);
});

it('runs a job on demand and refuses an unknown or duplicate one', async () => {
  const s = new LocalScheduler(createLogger('silent'));
  let ran = 0;
  s.every('once', 60_000, async () => {
    ran++;
  });
  await s.runNow('once');
  assert.equal(ran, 1);
  await assert.rejects(s.runNow('nope'));
  assert.throws(() => s.every('once', 1, async () => {}));
});
