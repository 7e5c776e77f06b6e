/**
 * `npm start -- --demo` on a fresh machine (embedded PostgreSQL): the demo stations register,
 * connect, boot and start charging, so a new user sees live data at once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { eventually } from './helpers/app.ts';

it('npm start -- --demo shows simulated stations charging on the embedded database', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'straumur-demo-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo'], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ADMIN_EMAIL: 'demo@example.test', ADMIN_PASSWORD: 'demo-password-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const port = await eventually(() => Number(/"port":(\d+).*Straumur is ready/.exec(out)?.[1]), 60_000, 'ready line');
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@example.test', password: 'demo-password-1' }),
    });
    const { token } = (await login.json()) as { token: string };
    const get = async (p: string) => (await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<any>;
    await eventually(async () => {
      const list = await get('/api/v1/stations?q=DEMO');
      return list.items.length === 5 && list.items.every((s: { connected: boolean; bootCount: number }) => s.connected && s.bootCount > 0);
    }, 20_000, 'five demo stations connected and booted');
    const session = await eventually(async () => (await get('/api/v1/sessions?status=active')).items.find((s: { energyWh: number }) => s.energyWh > 0), 45_000, 'a metered demo session');
    assert.match(session.stationId, /^DEMO-/);
    assert.ok(/demo stations are charging/.test(out));
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
});
