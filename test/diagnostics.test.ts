/**
 * Diagnostics and log uploads: stations (strict ocpp-rpc clients) asked for their log upload
 * it to Straumur itself, over HTTP (PUT, or a POSTed form) and over FTP, with a one-time
 * token; status notifications are followed; the file is stored and operators download it;
 * a failed or expired upload opens an alert that a later success resolves.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { Client as FtpClient } from 'basic-ftp';
import type { RPCClient } from 'ocpp-rpc';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { connectStation, onCall, type Version } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';

let n = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${(n++).toString(36)}`.toUpperCase();

async function station(s: TestServer, version: Version): Promise<{ id: string; client: RPCClient }> {
  const id = uniq('DIAG');
  await s.api('POST', '/api/v1/stations', { id });
  return { id, client: await connectStation({ endpoint: s.ocppUrl, identity: id, version }) };
}

/** Where a station was told to upload, from the GetDiagnostics / GetLog it received. */
const locationOf = (params: any): string => params.location ?? params.log.remoteLocation;

/** What a station does shortly after answering a call; the test awaits it before closing the station. */
const delay = (fn: () => Promise<void>) => new Promise<void>((resolve, reject) => setTimeout(() => fn().then(resolve, reject), 20));

async function ftpUpload(location: string, name: string, content: Buffer): Promise<void> {
  const url = new URL(location);
  const client = new FtpClient(5000);
  try {
    await client.access({ host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
    await client.uploadFrom(Readable.from([content]), name);
  } finally {
    client.close();
  }
}

for (const backend of await backends()) {
  describe(`log uploads on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, { env: { FTP_PORT: '0', FTP_PASSIVE_PORTS: '0', OCPP_CALL_TIMEOUT_SEC: '2' } });
    });
    after(() => s.close());

    const download = async (uploadId: number) => {
      const res = await fetch(`${s.baseUrl}/api/v1/log-uploads/${uploadId}/file`, { headers: { authorization: `Bearer ${s.adminToken}` } });
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()), disposition: res.headers.get('content-disposition') };
    };

    it('OCPP 1.6: GetDiagnostics uploads over HTTP with a one-time token, and the operator downloads the file', async () => {
      const st = await station(s, '1.6');
      const content = Buffer.from('1.6 diagnostics\n'.repeat(50_000)); // ~800 kB: more than one stored chunk
      let location = '';
      let work: Promise<void> | undefined;
      onCall(st.client, 'GetDiagnostics', (p) => {
        location = locationOf(p);
        work = delay(async () => {
          await st.client.call('DiagnosticsStatusNotification', { status: 'Uploading' });
          const put = await fetch(`${location}/diag-cp.log`, { method: 'PUT', body: content, headers: { 'content-type': 'application/octet-stream' } });
          assert.equal(put.status, 201);
          await st.client.call('DiagnosticsStatusNotification', { status: 'Uploaded' });
        });
        return { fileName: 'diag-cp.log' };
      });
      const r = await s.api('POST', `/api/v1/stations/${st.id}/commands/get-log`, {});
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual([r.body.status, r.body.upload.status, r.body.upload.stationFileName, r.body.upload.protocol], ['Accepted', 'Accepted', 'diag-cp.log', 'http']);
      assert.match(location, /^http:\/\/127\.0\.0\.1:\d+\/uploads\/[\w-]{20,}$/);
      const done = await eventually(async () => {
        const u = (await s.api('GET', `/api/v1/log-uploads/${r.body.upload.id}`)).body;
        return u.done && u.status === 'Uploaded' && u;
      }, 5000, 'the upload');
      assert.ok(done.fileId && done.receivedAt);
      const file = await download(done.id);
      assert.equal(file.status, 200);
      assert.ok(file.body.equals(content), 'the same bytes');
      assert.match(file.disposition ?? '', /diag-cp\.log/);
      // One-time: the token is spent.
      const again = await fetch(`${location}/x.log`, { method: 'PUT', body: 'more' });
      assert.equal(again.status, 409);
      assert.equal((await fetch(`${s.baseUrl}/uploads/not-a-token`, { method: 'PUT', body: 'x' })).status, 404);
      await work;
      await st.client.close();
    });

    it('OCPP 2.0.1: GetLog uploads a form over HTTP; LogStatusNotification carries the request id', async () => {
      const st = await station(s, '2.0.1');
      let params: any;
      let work: Promise<void> | undefined;
      onCall(st.client, 'GetLog', (p) => {
        params = p;
        work = delay(async () => {
          const form = new FormData();
          form.append('file', new Blob(['security log line\n']), 'security.log');
          await fetch(locationOf(p), { method: 'POST', body: form });
          await st.client.call('LogStatusNotification', { status: 'Uploaded', requestId: p.requestId });
        });
        return { status: 'Accepted', filename: 'security.log' };
      });
      const from = '2026-01-01T00:00:00.000Z';
      const r = await s.api('POST', `/api/v1/stations/${st.id}/commands/get-log`, { logType: 'Security', from, retries: 2 });
      assert.equal(r.body.status, 'Accepted');
      assert.deepEqual([params.logType, params.requestId, params.log.oldestTimestamp, params.retries], ['SecurityLog', r.body.upload.id, from, 2]);
      const done = await eventually(async () => (await s.api('GET', `/api/v1/log-uploads?stationId=${st.id}`)).body.items.find((u: any) => u.fileId), 5000, 'the file');
      assert.equal((await download(done.id)).body.toString(), 'security log line\n');
      await work;
      await st.client.close();
    });

    it('OCPP 1.6: GetDiagnostics uploads over FTP', async () => {
      const st = await station(s, '1.6');
      const content = Buffer.from('ftp diagnostics\n'.repeat(1000));
      let location = '';
      let work: Promise<void> | undefined;
      onCall(st.client, 'GetDiagnostics', (p) => {
        location = locationOf(p);
        work = delay(async () => {
          await ftpUpload(locationOf(p), 'cp-ftp.tar.gz', content);
          await st.client.call('DiagnosticsStatusNotification', { status: 'Uploaded' });
        });
        return { fileName: 'cp-ftp.tar.gz' };
      });
      const r = await s.api('POST', `/api/v1/stations/${st.id}/commands/get-log`, { protocol: 'ftp' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.upload.protocol, 'ftp');
      const done = await eventually(async () => {
        const u = (await s.api('GET', `/api/v1/log-uploads/${r.body.upload.id}`)).body;
        return u.fileId && u;
      }, 10_000, 'the FTP upload');
      const file = await download(done.id);
      assert.ok(file.body.equals(content));
      assert.match(file.disposition ?? '', /cp-ftp\.tar\.gz/);
      // The FTP account was one-time too.
      assert.match(location, /^ftp:\/\/log\d+:[\w-]{20,}@127\.0\.0\.1:\d+\/$/);
      await assert.rejects(ftpUpload(location, 'again.log', Buffer.from('x')), /530|Unknown user/);
      // The token never reaches the audit log.
      const audited = (await s.api('GET', `/api/v1/audit?stationId=${st.id}`)).body.items[0];
      assert.match(audited.request.location, /^ftp:\/\/log\d+:\*\*\*@/);
      await work;
      await st.client.close();
    });

    it('a failed upload opens log-upload-failed, a later success resolves it; refusals and expiry are kept', async () => {
      const st = await station(s, '2.0.1');
      let mode: 'fail' | 'refuse' | 'ok' | 'silent' = 'fail';
      const work: Array<Promise<void>> = [];
      onCall(st.client, 'GetLog', (p) => {
        if (mode === 'refuse') return { status: 'Rejected' };
        work.push(delay(async () => {
          if (mode === 'fail') await st.client.call('LogStatusNotification', { status: 'UploadFailure', requestId: p.requestId });
          if (mode === 'ok') {
            await fetch(locationOf(p), { method: 'PUT', body: 'ok' });
            await st.client.call('LogStatusNotification', { status: 'Uploaded', requestId: p.requestId });
          }
        }));
        return { status: 'Accepted' };
      });
      const first = (await s.api('POST', `/api/v1/stations/${st.id}/commands/get-log`, {})).body.upload;
      const alert = await eventually(
        async () => (await s.api('GET', `/api/v1/alerts?status=open&type=log-upload-failed&stationId=${st.id}`)).body.items[0],
        5000,
        'the alert',
      );
      assert.deepEqual([alert.severity, alert.details.uploadId], ['minor', first.id]);
      const failed = (await s.api('GET', `/api/v1/log-uploads/${first.id}`)).body;
      assert.deepEqual([failed.status, failed.done, failed.failed], ['UploadFailed', true, true]);

      mode = 'refuse';
      const refused = await s.api('POST', `/api/v1/stations/${st.id}/commands/get-log`, {});
      assert.deepEqual([refused.body.status, refused.body.upload.done], ['Rejected', true]);

      mode = 'silent';
      const silent = (await s.api('POST', `/api/v1/stations/${st.id}/commands/get-log`, {})).body.upload;
      await s.app.database.query(`UPDATE log_uploads SET expires_at = now() - interval '1 minute' WHERE id = $1`, [silent.id]);
      assert.ok((await s.app.services.maintenance.uploads.expire()) >= 1);
      assert.equal((await s.api('GET', `/api/v1/log-uploads/${silent.id}`)).body.status, 'Expired');

      mode = 'ok';
      await s.api('POST', `/api/v1/stations/${st.id}/commands/get-log`, {});
      await eventually(async () => (await s.api('GET', `/api/v1/alerts?status=resolved&type=log-upload-failed&stationId=${st.id}`)).body.items.length === 1, 5000, 'resolved');
      assert.equal((await s.api('GET', `/api/v1/alerts?status=active&type=log-upload-failed&stationId=${st.id}`)).body.items.length, 0);

      const v16 = await station(s, '1.6');
      const sec = await s.api('POST', `/api/v1/stations/${v16.id}/commands/get-log`, { logType: 'Security' });
      assert.equal(sec.status, 409);
      assert.match(sec.body.error.message, /raw call/);
      await v16.client.close();
      await Promise.all(work);
      await st.client.close();
    });
  });
}
