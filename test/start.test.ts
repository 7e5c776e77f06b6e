/**
 * `npm start` as a new user runs it: no database server, the embedded PostgreSQL under
 * DATA_DIR, a generated admin printed once, and data that survives a restart.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { bootPayload, connectStation } from './helpers/charge-point.ts';

interface Running {
  child: ChildProcess;
  port: number;
  stdout: string;
}

async function start(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 60 s:\n${stdout}\n${stderr}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /"port":(\d+).*Straumur is ready/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  return { child, port, get stdout() { return stdout; } } as Running;
}

async function stop(r: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => r.child.once('exit', (code) => resolve(code)));
  r.child.kill('SIGTERM');
  return exited;
}

describe('npm start on a fresh machine (embedded PostgreSQL)', () => {
  let dataDir: string;
  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a generated admin once, serves API and OCPP, and keeps data across a restart', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'straumur-start-'));
    const first = await start(dataDir);
    const m = /email:\s+(\S+)\s+password:\s+(\S+)/.exec(first.stdout);
    assert.ok(m, 'the first start prints the generated admin');
    const base = `http://127.0.0.1:${first.port}`;
    const login = async (p: number) => {
      const r = await fetch(`http://127.0.0.1:${p}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: m![1], password: m![2] }),
      });
      assert.equal(r.status, 200);
      return ((await r.json()) as { token: string }).token;
    };
    const token = await login(first.port);
    const created = await fetch(`${base}/api/v1/stations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: 'KEEP-ME' }),
    });
    assert.equal(created.status, 201);
    const cp = await connectStation({ endpoint: `ws://127.0.0.1:${first.port}/ocpp`, identity: 'KEEP-ME', version: '2.0.1' });
    await cp.call('BootNotification', bootPayload('2.0.1', 'Persist Inc', 'P1'));
    await cp.close();
    assert.equal(await stop(first), 0, 'SIGTERM exits cleanly');

    const second = await start(dataDir);
    try {
      assert.ok(!/password:/.test(second.stdout), 'the password is printed only on the first start');
      const token2 = await login(second.port);
      const st = await fetch(`http://127.0.0.1:${second.port}/api/v1/stations/KEEP-ME`, { headers: { authorization: `Bearer ${token2}` } });
      const body = (await st.json()) as { vendor: string; connected: boolean };
      assert.equal(body.vendor, 'Persist Inc');
      assert.equal(body.connected, false);
    } finally {
      await stop(second);
    }
  });
});
