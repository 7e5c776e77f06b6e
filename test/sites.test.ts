/** Sites and the stations that stand at them. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './helpers/app.ts';
import { backends } from './helpers/db.ts';

for (const backend of await backends()) {
  describe(`sites on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    it('creates a site, places stations at it, filters by it, and refuses bad values', async () => {
      const site = await s.api('POST', '/api/v1/sites', { name: 'Harpa', timeZone: 'Atlantic/Reykjavik', city: 'Reykjavík', country: 'IS', latitude: 64.150364, longitude: -21.932634 });
      assert.equal(site.status, 201);
      assert.deepEqual([site.body.timeZone, site.body.latitude], ['Atlantic/Reykjavik', 64.150364]);
      assert.equal((await s.api('POST', '/api/v1/sites', { name: 'harpa' })).status, 409);
      assert.equal((await s.api('POST', '/api/v1/sites', { name: 'Nowhere', timeZone: 'Mars/Olympus' })).status, 400);
      assert.equal((await s.api('POST', '/api/v1/sites', { name: 'Bad', country: 'Iceland' })).status, 400);
      assert.equal((await s.api('POST', '/api/v1/stations', { id: 'H-1', siteId: site.body.id })).body.siteId, site.body.id);
      await s.api('POST', '/api/v1/stations', { id: 'H-2' });
      assert.equal((await s.api('PATCH', '/api/v1/stations/H-2', { siteId: site.body.id })).body.siteId, site.body.id);
      await s.api('POST', '/api/v1/stations', { id: 'ELSEWHERE' });
      const atHarpa = await s.api('GET', `/api/v1/stations?siteId=${site.body.id}`);
      assert.deepEqual(
        atHarpa.body.items.map((x: { id: string }) => x.id),
        ['H-1', 'H-2'],
      );
      const unknown = await s.api('POST', '/api/v1/stations', { id: 'H-3', siteId: '00000000-0000-4000-8000-000000000000' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.message, /site/);
      assert.equal((await s.api('PATCH', `/api/v1/sites/${site.body.id}`, { timeZone: 'Europe/Oslo' })).body.timeZone, 'Europe/Oslo');
      assert.equal((await s.api('DELETE', `/api/v1/sites/${site.body.id}`)).status, 204);
      assert.equal((await s.api('GET', '/api/v1/stations/H-1')).body.siteId, null, 'its stations stay, without a site');
    });
  });
}
