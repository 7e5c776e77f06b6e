/**
 * Straumur serves the web console at `/`: files from web/dist, index.html for the app's own
 * paths, and never a page where the API, the OCPP gateway or the health check answer. Without
 * a build, `/` says how to build it.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import type { App } from '../src/http/types.ts';
import { webConsoleRoutes } from '../src/http/web-console.ts';

const settings = { timeZone: 'Atlantic/Reykjavik', currency: 'ISK', version: 'test' };

async function appWith(root: string): Promise<App> {
  const app = Fastify() as unknown as App;
  webConsoleRoutes(app, { root, settings });
  app.get('/api/v1/known', { config: { auth: 'public' } }, async () => ({ ok: true }));
  app.get('/health', async () => ({ status: 'ok' }));
  await app.ready();
  return app;
}

describe('web console', () => {
  let root: string;
  let app: App;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'straumur-web-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(path.join(tmpdir(), 'straumur-web-secret.txt'), 'TOP-SECRET-CONTENT');
    app = await appWith(root);
  });
  after(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  test('the app is at / and at its own paths, so a reload keeps the page', async () => {
    for (const url of ['/', '/stations', '/stations/CP.1', '/portal/sessions?x=1']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
      assert.match(res.body, /id="root"/);
    }
  });

  test('built assets are served with their type and cached for good', async () => {
    const res = await app.inject({ url: '/assets/index-abc.js' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/javascript/);
    assert.match(res.headers['cache-control'] as string, /immutable/);
    assert.equal((await app.inject({ url: '/assets/index-old.js' })).statusCode, 404);
  });

  test('the API, the gateway and the health check are never shadowed by the app', async () => {
    assert.deepEqual((await app.inject({ url: '/api/v1/known' })).json(), { ok: true });
    assert.deepEqual((await app.inject({ url: '/health' })).json(), { status: 'ok' });
    for (const url of ['/api/v1/nothing-here', '/api/other', '/ocpp/CP-1', '/ocpp', '/health/x']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'NOT_FOUND', url);
    }
  });

  test('no path leaves the build folder', async () => {
    for (const url of ['/../straumur-web-secret.txt', '/%2e%2e/straumur-web-secret.txt', '/assets/%2e%2e/%2e%2e/straumur-web-secret.txt']) {
      const res = await app.inject({ url });
      assert.doesNotMatch(res.body, /TOP-SECRET-CONTENT/, url);
    }
  });

  test('the operator time zone and currency are public settings', async () => {
    assert.deepEqual((await app.inject({ url: '/api/v1/console/settings' })).json(), settings);
  });

  test('without a build, / says how to build it', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'straumur-web-empty-'));
    const bare = await appWith(empty);
    try {
      const res = await bare.inject({ url: '/' });
      assert.equal(res.statusCode, 503);
      assert.match(res.body, /npm run build:web/);
      assert.equal((await bare.inject({ url: '/api/v1/known' })).statusCode, 200);
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
