/**
 * npm run bench: Straumur on PostgreSQL (DATABASE_URL) against a bare `ws` echo server, on
 * this machine, load generator included. Prints one table and writes a JSON file.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *   npm run bench -- --quick            small numbers, for a first look (about a minute)
 *   npm run bench -- --profile          the server writes a CPU profile (bench/profiles/)
 *   npm run bench -- --server-env WRITE_BATCH_MS=5   a setting for the server (repeatable), to compare settings
 *
 * The benchmark works in its own database (`<name>_bench`, created fresh and dropped after).
 * Cluster figures need Redis (REDIS_URL, or the one at 127.0.0.1:6379); without it they are skipped.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hashPassword, STATION_COST } from '../src/auth/index.ts';
import { freePort, healthy, LoadProcess, ROOT, rssOf, type Row, sleep, startProcess, stopProcess, table } from './lib.ts';

const { values: a } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    stations: { type: 'string' },
    storm: { type: 'string' },
    'password-storm': { type: 'string' },
    hold: { type: 'string' },
    cluster: { type: 'string' },
    workers: { type: 'string', default: '4' },
    duration: { type: 'string' },
    out: { type: 'string', default: 'bench/results.json' },
    profile: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
    'server-env': { type: 'string', multiple: true, default: [] },
  },
  strict: true,
});

const q = a.quick;
const N = Number(a.stations ?? (q ? 200 : 1000));
const STORM = Number(a.storm ?? (q ? 2000 : 10_000));
const PW_STORM = Number(a['password-storm'] ?? (q ? 300 : 2000));
const HOLD = Number(a.hold ?? (q ? 3000 : 19_000));
const CLUSTER = Number(a.cluster ?? (q ? 0 : 50_000));
const WORKERS = Number(a.workers);
const DURATION = Number(a.duration ?? (q ? 4 : 10)) * 1000;
const skip = new Set(a.skip!.split(',').filter(Boolean));
const serverEnv = Object.fromEntries(
  a['server-env']!.map((kv) => {
    const at = kv.indexOf('=');
    if (at < 1) {
      process.stderr.write(`--server-env takes NAME=value, not "${kv}"\n`);
      process.exit(2);
    }
    return [kv.slice(0, at), kv.slice(at + 1)];
  }),
);
const PASSWORD = 'bench-password-0123456789';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('npm run bench needs DATABASE_URL (a PostgreSQL the benchmark may create a database on), e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\n');
  process.exit(2);
}
const benchUrl = new URL(databaseUrl);
const benchDb = `${benchUrl.pathname.slice(1) || 'straumur'}_bench`.replace(/[^a-z0-9_]/gi, '_');
benchUrl.pathname = `/${benchDb}`;

const rows: Row[] = [];
const results: Record<string, unknown> = {};
const say = (line: string) => process.stdout.write(`  ${line}\n`);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = databaseUrl!): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function freshDatabase(): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${benchDb}`);
  });
}

async function register(prefix: string, count: number, version: string, password?: string): Promise<string[]> {
  const hash = password ? await hashPassword(password, STATION_COST) : null;
  await admin(
    (c) =>
      c.query(
        `INSERT INTO stations (id, ocpp_version, security_profile, password_hash)
         SELECT $1 || g, $2, $3, $4 FROM generate_series(1, $5::int) g ON CONFLICT (id) DO NOTHING`,
        [prefix, version, hash ? 1 : 0, hash, count],
      ),
    benchUrl.toString(),
  );
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

const count = (sql: string, params: unknown[] = []) => admin(async (c) => Number((await c.query(sql, params)).rows[0].n), benchUrl.toString());

async function startStraumur(workers = 1, extra: Record<string, string> = {}) {
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: benchUrl.toString(),
    DATABASE_POOL_SIZE: '16',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: 'bench@example.test',
    ADMIN_PASSWORD: 'bench-admin-password',
    API_DOCS: 'false',
    ...serverEnv,
    ...extra,
  };
  const args = [...(a.profile ? ['--cpu-prof', `--cpu-prof-dir=${ROOT}bench/profiles`] : []), '--import', 'tsx', 'src/main.ts', ...(workers > 1 ? ['--workers', String(workers)] : [])];
  const server = await startProcess(args, env, () => healthy(port));
  // Workers come up one by one; /health answers from the first.
  if (workers > 1) await sleep(3000 + workers * 1000);
  return { ...server, port, url: `ws://127.0.0.1:${port}/ocpp` };
}

async function heartbeatPhase(load: LoadProcess): Promise<void> {
  const echo = await startProcess(['--import', 'tsx', 'bench/echo-server.ts'], {}, (out) => /port \d+/.test(out));
  const echoPort = /port (\d+)/.exec(echo.output())![1];
  await load.call('connect', { url: `ws://127.0.0.1:${echoPort}`, ids: Array.from({ length: N }, (_, i) => `E${i}`), version: '1.6', concurrency: 200 });
  const base = await load.call('drive', { kind: 'heartbeat', version: '1.6', durationMs: DURATION, ratePerSec: 0 });
  await load.call('closeAll');
  await stopProcess(echo.child);
  say(`baseline ws echo: ${fmt(base.perSec)} round trips/s`);
  results.baseline = base;
  const ids = await register('HB-', N, '1.6');
  const s = await startStraumur();
  await load.call('connect', { url: s.url, ids, version: '1.6', concurrency: 200 });
  await load.call('boot', { version: '1.6' });
  const hb = await load.call('drive', { kind: 'heartbeat', version: '1.6', durationMs: DURATION, ratePerSec: 0 });
  await load.call('closeAll');
  await stopProcess(s.child);
  say(`Straumur heartbeat: ${fmt(hb.perSec)}/s, p50 ${fmt(hb.p50, 1)} ms, p99 ${fmt(hb.p99, 1)} ms`);
  results.heartbeat = hb;
  const ratio = hb.perSec / base.perSec;
  rows.push({ measure: `Heartbeat round trips/s, ${N} stations`, value: fmt(hb.perSec), target: '', met: null });
  rows.push({ measure: 'bare ws echo (baseline, same run)', value: fmt(base.perSec), target: '', met: null });
  rows.push({ measure: 'Heartbeat / baseline', value: fmt(ratio, 2), target: '>= 0.70', met: ratio >= 0.7 });
}

async function meterPhase(load: LoadProcess, version: '1.6' | '2.0.1'): Promise<void> {
  const label = version === '1.6' ? 'MeterValues 1.6' : 'TransactionEvent 2.0.1';
  const prefix = version === '1.6' ? 'MV-' : 'TE-';
  const ids = await register(prefix, N, version);
  const s = await startStraumur();
  await load.call('connect', { url: s.url, ids, version, concurrency: 200 });
  await load.call('boot', { version });
  await load.call('startTransactions', { version });
  const before = await count(`SELECT count(*) AS n FROM meter_samples WHERE station_id LIKE $1`, [`${prefix}%`]);
  const max = await load.call('drive', { kind: 'meter', version, durationMs: DURATION, ratePerSec: 0 });
  const half = await load.call('drive', { kind: 'meter', version, durationMs: DURATION, ratePerSec: Math.round(max.perSec / 2) });
  const at5k = max.perSec >= 10_000 ? null : await load.call('drive', { kind: 'meter', version, durationMs: DURATION, ratePerSec: 5000 });
  await load.call('closeAll');
  await sleep(1000);
  const stored = (await count(`SELECT count(*) AS n FROM meter_samples WHERE station_id LIKE $1`, [`${prefix}%`])) - before;
  const answered = max.answered + half.answered + (at5k?.answered ?? 0);
  const logged = await count(`SELECT count(*) AS n FROM ocpp_messages WHERE station_id LIKE $1`, [`${prefix}%`]);
  await stopProcess(s.child);
  say(`${label}: ${fmt(max.perSec)}/s (p50 ${fmt(max.p50, 1)} ms, p99 ${fmt(max.p99, 1)} ms); at ${fmt(max.perSec / 2)}/s p99 ${fmt(half.p99, 1)} ms; ${fmt(stored)} samples stored for ${fmt(answered)} answers (2 each); ${fmt(logged)} frames logged`);
  results[version === '1.6' ? 'meterValues16' : 'transactionEvent201'] = { max, half, at5k, answered, samplesStored: stored, framesLogged: logged };
  rows.push({ measure: `${label} durable/s, ${N} stations`, value: fmt(max.perSec), target: '>= 10,000', met: max.perSec >= 10_000 });
  rows.push({ measure: `  p50 / p99 at full load (ms)`, value: `${fmt(max.p50, 1)} / ${fmt(max.p99, 1)}`, target: '', met: null });
  rows.push({ measure: `  p99 at half load, ${fmt(half.perSec)}/s (ms)`, value: fmt(half.p99, 1), target: '< 50 at 5,000/s', met: half.perSec >= 5000 ? half.p99 < 50 : null });
  if (at5k) rows.push({ measure: `  p99 at ${fmt(at5k.perSec)}/s (ms)`, value: fmt(at5k.p99, 1), target: '< 50 at 5,000/s', met: at5k.perSec >= 4900 ? at5k.p99 < 50 : false });
  rows.push({ measure: `  samples stored / answered x 2`, value: `${fmt(stored)} / ${fmt(answered * 2)}`, target: 'all', met: stored >= answered * 2 });
  rows.push({ measure: `  OCPP frames in the message log`, value: `${fmt(logged)}`, target: '', met: null });
}

async function stormPhase(load: LoadProcess): Promise<void> {
  const ids = await register('ST-', STORM, '1.6');
  const pw = await register('PW-', PW_STORM, '1.6', PASSWORD);
  const s = await startStraumur();
  const t0 = Date.now();
  const c = await load.call('connect', { url: s.url, ids, version: '1.6', concurrency: 1000 });
  const b = await load.call('boot', { version: '1.6' });
  const stormMs = Date.now() - t0;
  await load.call('closeAll');
  say(`boot storm: ${fmt(b.accepted)} of ${fmt(STORM)} accepted in ${fmt(stormMs / 1000, 1)} s (connect ${fmt(c.ms / 1000, 1)} s, ${c.failed} refused${reasons([c])})`);
  rows.push({ measure: `Boot storm, ${fmt(STORM)} stations, no password (s)`, value: fmt(stormMs / 1000, 1), target: '<= 10', met: b.accepted === STORM && stormMs <= 10_000 });
  const cold = Date.now();
  const pc = await load.call('connect', { url: s.url, ids: pw, version: '1.6', password: PASSWORD, concurrency: 1000 });
  const pb = await load.call('boot', { version: '1.6' });
  const coldMs = Date.now() - cold;
  await load.call('closeAll');
  await sleep(500);
  const warm = Date.now();
  await load.call('connect', { url: s.url, ids: pw, version: '1.6', password: PASSWORD, concurrency: 1000 });
  const wb = await load.call('boot', { version: '1.6' });
  const warmMs = Date.now() - warm;
  await load.call('closeAll');
  await stopProcess(s.child);
  const coldRate = (pb.accepted * 1000) / coldMs;
  const warmRate = (wb.accepted * 1000) / warmMs;
  say(`password storm, ${PW_STORM} stations: cold ${fmt(coldRate)}/s (${pc.failed} refused), warm cache ${fmt(warmRate)}/s`);
  results.bootStorm = { stations: STORM, ms: stormMs, accepted: b.accepted, connectMs: c.ms, refused: c.failed, passwordCold: { stations: PW_STORM, ms: coldMs, perSec: coldRate }, passwordWarm: { ms: warmMs, perSec: warmRate } };
  rows.push({ measure: `  with passwords, cold (stations/s)`, value: fmt(coldRate), target: `10,000 would take ${fmt(10_000 / coldRate, 0)} s`, met: null });
  rows.push({ measure: `  with passwords, warm cache (stations/s)`, value: fmt(warmRate), target: '', met: null });
}

async function holdPhase(load: LoadProcess): Promise<void> {
  const ids = await register('HO-', HOLD, '1.6');
  const s = await startStraumur(1, { WS_PING_INTERVAL_SEC: '60' });
  await sleep(3000);
  const before = rssOf(s.child.pid!);
  const c = await load.call('connect', { url: s.url, ids, version: '1.6', concurrency: 500 });
  await load.call('boot', { version: '1.6' });
  await sleep(5000);
  const held = (await load.call('count')).connected;
  const after = rssOf(s.child.pid!);
  await load.call('closeAll');
  await stopProcess(s.child);
  const perConn = (after - before) / Math.max(1, held);
  say(`held ${fmt(held)} stations in one process (${c.failed} refused${reasons([c])}); RSS ${fmt(before / 2 ** 20)} -> ${fmt(after / 2 ** 20)} MiB, ${fmt(perConn / 1024, 1)} KiB each`);
  results.hold = { stations: HOLD, held, refused: c.failed, rssBefore: before, rssAfter: after, bytesPerConnection: perConn };
  rows.push({ measure: 'Stations held by one process', value: fmt(held), target: '>= 19,000', met: held >= 19_000 });
  rows.push({ measure: 'Memory per idle station (KiB)', value: fmt(perConn / 1024, 1), target: '< 16', met: perConn < 16 * 1024 });
}

/** What the generators' failed connections were: HTTP statuses, and sockets closed before opening. */
function reasons(rs: { refusedBy?: Record<string, number> }[]): string {
  const all: Record<string, number> = {};
  for (const r of rs) for (const [k, n] of Object.entries(r.refusedBy ?? {})) all[k] = (all[k] ?? 0) + n;
  const parts = Object.entries(all).map(([k, n]) => `${fmt(n)} ${/^\d+$/.test(k) ? `HTTP ${k}` : k}`);
  return parts.length ? `: ${parts.join(', ')}` : '';
}

async function clusterPhase(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const ids = await register('CL-', CLUSTER, '1.6');
  let s;
  try {
    s = await startStraumur(WORKERS, { REDIS_URL: redisUrl, REDIS_PREFIX: `straumur-bench-${process.pid}`, WS_PING_INTERVAL_SEC: '60' });
  } catch (err) {
    say(`cluster skipped: ${(err as Error).message.split('\n')[0]}`);
    return;
  }
  const per = Math.ceil(CLUSTER / 17_000);
  const loads = Array.from({ length: per }, () => new LoadProcess());
  await Promise.all(loads.map((l) => l.ready));
  const slices = loads.map((_, i) => ids.slice(Math.floor((i * ids.length) / per), Math.floor(((i + 1) * ids.length) / per)));
  const t0 = Date.now();
  // Each generator uses its own source address: one address has too few ephemeral ports for 50,000 sockets.
  const results_ = await Promise.all(loads.map((l, i) => l.call('connect', { url: s.url, ids: slices[i], version: '1.6', concurrency: 300, retries: 3, localAddresses: [`127.0.0.${i + 2}`] })));
  const connectMs = Date.now() - t0;
  await sleep(5000);
  const held = (await Promise.all(loads.map((l) => l.call('count')))).reduce((n, r) => n + r.connected, 0);
  const rss = rssOf(s.child.pid!);
  // Presence is written through each worker's group commit: how long until the registry shows every station held.
  const connectedInDb = () => count(`SELECT count(*) AS n FROM stations WHERE connected AND id LIKE 'CL-%'`);
  let dbConnected = await connectedInDb();
  const waitFrom = Date.now();
  while (dbConnected < held && Date.now() - waitFrom < 120_000) {
    await sleep(1000);
    dbConnected = await connectedInDb();
  }
  const dbLagMs = Date.now() - t0 - connectMs;
  loads.forEach((l) => l.stop());
  await stopProcess(s.child);
  const refused = results_.reduce((n, r) => n + r.failed, 0);
  const why = reasons(results_);
  say(`cluster of ${WORKERS} workers held ${fmt(held)} stations (${refused} never got in after 3 retries; refusals on the way${why || ': none'}; ${fmt(dbConnected)} shown connected in the database ${fmt(dbLagMs / 1000, 1)} s after the last handshake) in ${fmt(connectMs / 1000, 1)} s; RSS ${fmt(rss / 2 ** 20)} MiB`);
  results.cluster = { workers: WORKERS, stations: CLUSTER, held, refused, refusedBy: results_.map((r) => r.refusedBy), dbConnected, dbLagMs, connectMs, rss };
  rows.push({ measure: `Stations held by --workers ${WORKERS}`, value: fmt(held), target: '>= 50,000', met: held >= 50_000 });
}

async function main(): Promise<void> {
  process.stdout.write(`Straumur benchmark on ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30)} GiB; database ${benchDb}\n`);
  await freshDatabase();
  // A first start applies the migrations.
  await stopProcess((await startStraumur()).child);
  const load = new LoadProcess();
  await load.ready;
  try {
    if (!skip.has('heartbeat')) await heartbeatPhase(load);
    if (!skip.has('meter')) await meterPhase(load, '1.6');
    if (!skip.has('meter')) await meterPhase(load, '2.0.1');
    if (!skip.has('storm')) await stormPhase(load);
    if (!skip.has('hold')) await holdPhase(load);
  } finally {
    load.stop();
  }
  if (CLUSTER > 0 && !skip.has('cluster')) await clusterPhase();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`));
  process.stdout.write(`\n${table(rows)}\n`);
  const file = a.out!;
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, node: process.version, options: { stations: N, storm: STORM, passwordStorm: PW_STORM, hold: HOLD, cluster: CLUSTER, workers: WORKERS, durationMs: DURATION }, results, rows }, null, 2)}\n`);
  process.stdout.write(`\nwritten to ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
