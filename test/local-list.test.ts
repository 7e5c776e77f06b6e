/** Local authorization lists and the authorization cache, in 1.6 and 2.x, against strict ocpp-rpc stations. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './helpers/app.ts';
import { connectStation, onCall, type Version } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';

/** A station that keeps a local list as the spec says, and can be told to refuse differential updates. */
function listKeeper(client: Awaited<ReturnType<typeof connectStation>>, version: Version) {
  const state = { version: 0, list: new Map<string, string>(), refuseDifferential: false, updates: [] as Array<{ type: string; n: number }>, cacheCleared: 0 };
  onCall<Record<string, any>>(client, 'SendLocalList', async (params) => {
    const v = version === '1.6' ? params.listVersion : params.versionNumber;
    const entries = (params.localAuthorizationList ?? []) as Array<Record<string, any>>;
    state.updates.push({ type: params.updateType, n: entries.length });
    if (params.updateType === 'Differential' && (state.refuseDifferential || v <= state.version)) return { status: 'VersionMismatch' };
    if (params.updateType === 'Full') state.list.clear();
    for (const e of entries) {
      const uid = version === '1.6' ? e.idTag : e.idToken.idToken;
      const info = version === '1.6' ? e.idTagInfo : e.idTokenInfo;
      if (info) state.list.set(uid, info.status);
      else state.list.delete(uid);
    }
    state.version = v;
    return { status: 'Accepted' };
  });
  onCall(client, 'GetLocalListVersion', async () => (version === '1.6' ? { listVersion: state.version } : { versionNumber: state.version }));
  onCall(client, 'ClearCache', async () => {
    state.cacheCleared++;
    return { status: 'Accepted' };
  });
  return state;
}

for (const backend of await backends()) {
  describe(`local authorization lists on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
      await s.api('POST', '/api/v1/tokens', { uid: 'A1' });
      await s.api('POST', '/api/v1/tokens', { uid: 'B2', status: 'Blocked' });
      await s.api('POST', '/api/v1/tokens', { uid: 'C3' });
    });
    after(() => s.close());

    for (const version of ['1.6', '2.0.1'] as const) {
      it(`OCPP ${version}: full and differential updates, versioned, with a full resend on VersionMismatch`, async () => {
        const id = `LL-${version.replace(/\./g, '')}`;
        await s.api('POST', '/api/v1/stations', { id });
        const cp = await connectStation({ endpoint: s.ocppUrl, identity: id, version });
        const station = listKeeper(cp, version);

        const full = await s.api('POST', `/api/v1/stations/${id}/local-list`, { updateType: 'Full', tokens: ['A1', 'b2'] });
        assert.deepEqual(full.body, { status: 'Accepted', version: 1, updateType: 'Full', entries: 2, fellBackToFull: false });
        assert.deepEqual([...station.list], [['A1', 'Accepted'], ['B2', 'Blocked']]);
        assert.deepEqual((await s.api('POST', `/api/v1/stations/${id}/commands/get-local-list-version`)).body, { version: 1 });

        // Nothing changed for A1 and B2; C3 is new; A1 is then blocked: only changes travel.
        await s.api('PATCH', '/api/v1/tokens/A1', { status: 'Blocked' });
        const diff = await s.api('POST', `/api/v1/stations/${id}/local-list`, { updateType: 'Differential', tokens: ['A1', 'B2', 'C3'] });
        assert.deepEqual(diff.body, { status: 'Accepted', version: 2, updateType: 'Differential', entries: 2, fellBackToFull: false });
        assert.deepEqual(station.updates.at(-1), { type: 'Differential', n: 2 });
        assert.deepEqual(Object.fromEntries(station.list), { A1: 'Blocked', B2: 'Blocked', C3: 'Accepted' });

        const removed = await s.api('POST', `/api/v1/stations/${id}/local-list`, { updateType: 'Differential', tokens: [], remove: ['B2'] });
        assert.equal(removed.body.entries, 1);
        assert.deepEqual([...station.list.keys()].sort(), ['A1', 'C3']);

        station.refuseDifferential = true;
        await s.api('PATCH', '/api/v1/tokens/A1', { status: 'Accepted' });
        const fallback = await s.api('POST', `/api/v1/stations/${id}/local-list`, { updateType: 'Differential', tokens: ['A1'] });
        assert.equal(fallback.body.fellBackToFull, true);
        assert.equal(fallback.body.status, 'Accepted');
        assert.deepEqual(Object.fromEntries(station.list), { A1: 'Accepted', C3: 'Accepted' });
        const stored = (await s.api('GET', `/api/v1/stations/${id}/local-list`)).body;
        assert.equal(stored.version, station.version);
        assert.deepEqual(stored.entries.map((e: { uid: string }) => e.uid).sort(), ['A1', 'C3']);

        const emptied = await s.api('POST', `/api/v1/stations/${id}/local-list`, { updateType: 'Full', tokens: [] });
        assert.equal(emptied.body.status, 'Accepted');
        assert.equal(station.list.size, 0);

        assert.deepEqual((await s.api('POST', `/api/v1/stations/${id}/commands/clear-cache`)).body, { status: 'Accepted' });
        assert.equal(station.cacheCleared, 1);
        assert.equal((await s.api('POST', `/api/v1/stations/${id}/local-list`, { updateType: 'Full', tokens: ['NOPE'] })).status, 400);
        await cp.close();
      });
    }

    it('answers 409 when the station is offline, and refuses a viewer', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'LL-OFF' });
      assert.equal((await s.api('POST', '/api/v1/stations/LL-OFF/commands/clear-cache')).status, 409);
      await s.api('POST', '/api/v1/operators', { email: 'view@example.test', password: 'viewer-pass-1', role: 'viewer' });
      const viewer = await s.login('view@example.test', 'viewer-pass-1');
      assert.equal((await s.api('POST', '/api/v1/stations/LL-OFF/commands/clear-cache', undefined, viewer)).status, 403);
      assert.equal((await s.api('GET', '/api/v1/stations/LL-OFF/local-list', undefined, viewer)).status, 200);
    });
  });
}
