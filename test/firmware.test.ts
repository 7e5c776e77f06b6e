/**
 * Firmware: images uploaded to Straumur and served to stations (with ranges), UpdateFirmware
 * in 1.6 and 2.0.1 (signed where the image is), FirmwareStatusNotification followed to the
 * end, a failure alert that a later install resolves, and campaigns over several strict
 * ocpp-rpc stations with one failing: retries, progress, completion, and a halt.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { RPCClient } from 'ocpp-rpc';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { bootPayload, connectStation, onCall, type Version } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';

let n = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${(n++).toString(36)}`.toUpperCase();
const image = Buffer.from(Array.from({ length: 700_000 }, (_, i) => i % 251));

type Behaviour = 'install' | 'fail' | 'reboot' | 'silent';

/** A station that downloads and "installs" what it is sent, reporting each step as its version does. */
async function station(s: TestServer, version: Version, behaviour: Behaviour, version2 = '2.0.0') {
  const id = uniq('FW');
  await s.api('POST', '/api/v1/stations', { id });
  const client = await connectStation({ endpoint: s.ocppUrl, identity: id, version });
  const received: Array<{ action: string; params: any; bytes?: number }> = [];
  const work: Array<Promise<void>> = [];
  const report = (status: string, requestId?: number) =>
    client.call(version === '1.6' && requestId === undefined ? 'FirmwareStatusNotification' : version === '1.6' ? 'SignedFirmwareStatusNotification' : 'FirmwareStatusNotification', {
      status,
      ...(requestId !== undefined ? { requestId } : {}),
    });
  const handle = (action: string) =>
    onCall(client, action, (params: any) => {
      const entry: { action: string; params: any; bytes?: number } = { action, params };
      received.push(entry);
      const requestId = version === '1.6' && action === 'UpdateFirmware' ? undefined : params.requestId;
      const location = params.location ?? params.firmware.location;
      if (behaviour !== 'silent') {
        work.push(
          (async () => {
            await new Promise((r) => setTimeout(r, 20));
            await report('Downloading', requestId);
            const res = await fetch(location);
            entry.bytes = (await res.arrayBuffer()).byteLength;
            await report('Downloaded', requestId);
            if (behaviour === 'fail') return void (await report('InstallationFailed', requestId));
            await report('Installing', requestId);
            if (behaviour === 'reboot') return void (await client.call('BootNotification', bootPayload(version, 'Straumur Test', 'TestModel', version2)));
            await report('Installed', requestId);
          })(),
        );
      }
      return version === '1.6' && action === 'UpdateFirmware' ? {} : { status: 'Accepted' };
    });
  handle('UpdateFirmware');
  if (version === '1.6') handle('SignedUpdateFirmware');
  return {
    id,
    client,
    received,
    async close() {
      await Promise.allSettled(work);
      await client.close();
    },
  } satisfies { id: string; client: RPCClient; received: unknown[]; close(): Promise<void> };
}

for (const backend of await backends()) {
  describe(`firmware on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, { env: { OCPP_CALL_TIMEOUT_SEC: '2' } });
    });
    after(() => s.close());

    async function upload(version: string, signed = false) {
      if (!signed) {
        const res = await fetch(`${s.baseUrl}/api/v1/firmware/images?version=${version}&fileName=fw-${version}.bin&vendor=Straumur%20Test`, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/octet-stream' },
          body: image,
        });
        assert.equal(res.status, 201);
        return (await res.json()) as any;
      }
      const form = new FormData();
      form.append('version', version);
      form.append('signature', 'c2lnbmF0dXJl');
      form.append('signingCertificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
      form.append('file', new Blob([image]), `fw-${version}-signed.bin`);
      const res = await fetch(`${s.baseUrl}/api/v1/firmware/images`, { method: 'POST', headers: { authorization: `Bearer ${s.adminToken}` }, body: form });
      assert.equal(res.status, 201);
      return (await res.json()) as any;
    }

    it('stores uploaded images and serves them to stations, with ranges', async () => {
      const img = await upload('1.9.0');
      assert.deepEqual([img.sizeBytes, img.sha256, img.signed, img.fileName], [image.length, createHash('sha256').update(image).digest('hex'), false, 'fw-1.9.0.bin']);
      assert.match(img.downloadUrl, /\/firmware\/[\w-]{20,}\/fw-1\.9\.0\.bin$/);
      const whole = await fetch(img.downloadUrl);
      assert.equal(whole.status, 200);
      assert.ok(Buffer.from(await whole.arrayBuffer()).equals(image));
      const part = await fetch(img.downloadUrl, { headers: { range: 'bytes=524280-524290' } });
      assert.equal(part.status, 206);
      assert.ok(Buffer.from(await part.arrayBuffer()).equals(image.subarray(524280, 524291)), 'a range across two stored chunks');
      assert.equal(part.headers.get('content-range'), `bytes 524280-524290/${image.length}`);
      const head = await fetch(img.downloadUrl, { method: 'HEAD' });
      assert.equal(head.headers.get('content-length'), String(image.length));
      assert.equal((await fetch(img.downloadUrl.replace(/firmware\/[\w-]+/, 'firmware/wrong-token-wrong-token'))).status, 404);
      const signed = await upload('1.9.1', true);
      assert.equal(signed.signed, true);
      assert.equal((await s.api('GET', '/api/v1/firmware/images')).body.items.length >= 2, true);
      const noVersion = await fetch(`${s.baseUrl}/api/v1/firmware/images`, { method: 'POST', headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/octet-stream' }, body: 'x' });
      assert.equal(noVersion.status, 400);
    });

    for (const version of ['1.6', '2.0.1'] as const) {
      it(`OCPP ${version}: an update is followed to Installed; a signed one carries its signature; a failure alerts until an install`, async () => {
        const plain = await upload(`3.${version}`);
        const st = await station(s, version, 'install');
        const r = await s.api('POST', `/api/v1/stations/${st.id}/commands/update-firmware`, { imageId: plain.id, retries: 3 });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.status, 'Accepted');
        const sent = st.received[0]!;
        if (version === '1.6') {
          assert.equal(sent.action, 'UpdateFirmware');
          assert.deepEqual(Object.keys(sent.params).sort(), ['location', 'retries', 'retrieveDate']);
        } else {
          assert.deepEqual([sent.action, sent.params.requestId, sent.params.firmware.location], ['UpdateFirmware', r.body.update.id, plain.downloadUrl]);
        }
        const installed = await eventually(async () => {
          const u = (await s.api('GET', `/api/v1/firmware/updates?stationId=${st.id}`)).body.items[0];
          return u.outcome === 'installed' && u;
        }, 5000, 'installed');
        assert.equal(installed.status, 'Installed');
        assert.equal(sent.bytes, image.length, 'the station downloaded the whole image');

        // A signed image goes as a signed update, and this station says the signature is bad.
        const signed = await upload(`4.${version}`, true);
        const bad = await station(s, version, 'install');
        onCall(bad.client, version === '1.6' ? 'SignedUpdateFirmware' : 'UpdateFirmware', (p: any) => {
          bad.received.push({ action: 'signed', params: p });
          setTimeout(() => void bad.client.call(version === '1.6' ? 'SignedFirmwareStatusNotification' : 'FirmwareStatusNotification', { status: 'InvalidSignature', requestId: p.requestId }), 20);
          return { status: 'Accepted' };
        });
        await s.api('POST', `/api/v1/stations/${bad.id}/commands/update-firmware`, { imageId: signed.id });
        const p = bad.received[0]!.params;
        assert.deepEqual([p.firmware.signature, p.firmware.signingCertificate.startsWith('-----BEGIN'), typeof p.requestId], ['c2lnbmF0dXJl', true, 'number']);
        const alert = await eventually(async () => (await s.api('GET', `/api/v1/alerts?status=open&type=firmware-update-failed&stationId=${bad.id}`)).body.items[0], 5000, 'the alert');
        assert.equal(alert.details.status, 'InvalidSignature');
        const failed = (await s.api('GET', `/api/v1/firmware/updates?stationId=${bad.id}`)).body.items[0];
        assert.deepEqual([failed.outcome, failed.status], ['failed', 'InvalidSignature']);

        // The same station then installs the plain image: the alert resolves itself.
        onCall(bad.client, 'UpdateFirmware', (q: any) => {
          setTimeout(() => void bad.client.call('FirmwareStatusNotification', { status: 'Installed', ...(version === '1.6' ? {} : { requestId: q.requestId }) }), 20);
          return version === '1.6' ? {} : { status: 'Accepted' };
        });
        await s.api('POST', `/api/v1/stations/${bad.id}/commands/update-firmware`, { imageId: plain.id });
        await eventually(async () => (await s.api('GET', `/api/v1/alerts?status=resolved&type=firmware-update-failed&stationId=${bad.id}`)).body.items.length === 1, 5000, 'resolved');
        await st.close();
        await bad.close();
      });
    }

    it('runs a campaign over several stations: retries the failing one, then completes with it failed', async () => {
      const img = await upload('2.0.0');
      const stations = [
        await station(s, '1.6', 'install'),
        await station(s, '2.0.1', 'install'),
        await station(s, '1.6', 'reboot'), // says nothing, reboots into 2.0.0
        await station(s, '2.0.1', 'fail'),
      ];
      const created = await s.api('POST', '/api/v1/firmware/campaigns', {
        name: 'Spring rollout',
        imageId: img.id,
        stationIds: stations.map((x) => x.id),
        concurrency: 2,
        maxAttempts: 2,
        retryDelaySec: 0,
        failureThreshold: 2,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual([created.body.status, created.body.total, created.body.progress.pending], ['running', 4, 4]);
      const id = created.body.id;
      let maxInFlight = 0;
      const done = await eventually(
        async () => {
          await s.app.services.scheduler.runNow('firmware-campaigns');
          const c = (await s.api('GET', `/api/v1/firmware/campaigns/${id}`)).body;
          maxInFlight = Math.max(maxInFlight, c.progress['in-progress']);
          return c.status === 'completed' && c;
        },
        20_000,
        'the campaign to complete',
      );
      assert.deepEqual(done.progress, { pending: 0, 'in-progress': 0, installed: 3, failed: 1, cancelled: 0 });
      assert.ok(maxInFlight <= 2, 'never more than the concurrency at once');
      const failing = done.targets.find((t: any) => t.stationId === stations[3]!.id);
      assert.deepEqual([failing.status, failing.attempts, failing.lastError], ['failed', 2, 'InstallationFailed']);
      assert.equal(stations[3]!.received.length, 2, 'retried once');
      const rebooted = done.targets.find((t: any) => t.stationId === stations[2]!.id);
      assert.equal(rebooted.status, 'installed');
      for (const st of stations) await st.close();
    });

    it('halts a campaign once failures reach its threshold; an offline station waits without failing', async () => {
      const img = await upload('2.1.0');
      const failing = [await station(s, '2.0.1', 'fail'), await station(s, '1.6', 'fail')];
      const offline = uniq('FW-OFF');
      await s.api('POST', '/api/v1/stations', { id: offline });
      const created = await s.api('POST', '/api/v1/firmware/campaigns', {
        imageId: img.id,
        stationIds: [...failing.map((x) => x.id), offline],
        concurrency: 3,
        maxAttempts: 1,
        retryDelaySec: 0,
        failureThreshold: 2,
      });
      const id = created.body.id;
      const halted = await eventually(
        async () => {
          await s.app.services.scheduler.runNow('firmware-campaigns');
          const c = (await s.api('GET', `/api/v1/firmware/campaigns/${id}`)).body;
          return c.status === 'halted' && c;
        },
        20_000,
        'the halt',
      );
      assert.match(halted.haltedReason, /2 stations failed/);
      const waiting = halted.targets.find((t: any) => t.stationId === offline);
      assert.deepEqual([waiting.status, waiting.attempts, waiting.lastError], ['pending', 0, 'offline']);
      // Cancelled, the waiting station is let go.
      const cancelled = await s.api('POST', `/api/v1/firmware/campaigns/${id}/cancel`);
      assert.deepEqual([cancelled.body.status, cancelled.body.progress.cancelled], ['cancelled', 1]);
      assert.equal((await s.api('POST', `/api/v1/firmware/campaigns/${id}/resume`)).status, 409);
      for (const st of failing) await st.close();
    });
  });
}
