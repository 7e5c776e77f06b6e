/**
 * Times every report over the seeded history (npm run seed:history first), through the REST
 * API in process (Fastify inject: routing, auth, query, serialisation), on PostgreSQL:
 *
 *   DATABASE_URL=postgres://... npm run bench:reports [-- --days 365 --runs 5]
 *
 * Each report runs once to warm up, then --runs times; the table shows the median and the
 * slowest. Rollups are brought up to date first and then left alone (REPORTS_MAX_LAG_SEC is
 * raised), so the numbers are the reports' own; the cost of a refresh is measured apart.
 * Writes the table as JSON to bench-reports.json.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';

const { values: args } = parseArgs({ options: { days: { type: 'string', default: '365' }, runs: { type: 'string', default: '5' }, 'skip-export': { type: 'boolean', default: false } } });
const RUNS = Number(args.runs);
const HOUR = 3_600_000;

const email = 'bench-reports@example.test';
const password = 'bench-reports-password';
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', REPORTS_MAX_LAG_SEC: '3600', TIME_ZONE: process.env.TIME_ZONE ?? 'Europe/Berlin' });
if (!config.database.url) process.stderr.write('note: no DATABASE_URL; timing the embedded database (the numbers that matter are PostgreSQL\'s)\n');
const app = await buildApp(config, { log: createLogger('warn') });
await app.database.query(
  `INSERT INTO operators (email, name, password_hash, role) SELECT $1, 'bench', password_hash, 'admin' FROM operators WHERE role = 'admin' LIMIT 1 ON CONFLICT DO NOTHING`,
  [email],
);
// Sign in through the service with a known password: set one for the bench operator.
const { hashPassword } = await import('../src/auth/index.ts');
await app.database.query(`UPDATE operators SET password_hash = $2, disabled = false WHERE lower(email) = $1`, [email, await hashPassword(password)]);
const login = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const token = (JSON.parse(login.body) as { token: string }).token;

const refreshed = await app.services.reports.rollups.refresh({ scanSessions: true });
const counts = await app.database.query<{ stations: string; sessions: string; hours: string; statuses: string; samples: string }>(`
  SELECT (SELECT count(*) FROM stations) AS stations, (SELECT count(*) FROM report_sessions) AS sessions,
    (SELECT count(*) FROM report_connector_hours) AS hours, (SELECT count(*) FROM connector_status_events) AS statuses,
    (SELECT count(*) FROM meter_samples) AS samples`);
const site = (await app.database.query<{ site_id: string }>(`SELECT site_id FROM stations WHERE site_id IS NOT NULL GROUP BY site_id ORDER BY count(*) DESC LIMIT 1`)).rows[0]?.site_id;
const station = (await app.database.query<{ station_id: string }>(`SELECT station_id FROM report_sessions GROUP BY station_id ORDER BY count(*) DESC LIMIT 1`)).rows[0]?.station_id;

const to = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const from = new Date(to.getTime() - Number(args.days) * 86_400_000);
const range = `from=${from.toISOString()}&to=${to.toISOString()}`;
const cases: Array<[string, string]> = [
  ['energy by day (network)', `energy?${range}&groupBy=day`],
  ['energy by month (network)', `energy?${range}&groupBy=month`],
  ['energy by hour (network)', `energy?${range}&groupBy=hour`],
  ['energy by day (site)', `energy?${range}&groupBy=day&siteId=${site}`],
  ['energy by hour (station)', `energy?${range}&groupBy=hour&stationId=${station}`],
  ['uptime by station', `uptime?${range}`],
  ['uptime by connector', `uptime?${range}&by=connector`],
  ['uptime by station, monthly', `uptime?${range}&groupBy=month`],
  ['uptime by connector (site)', `uptime?${range}&by=connector&siteId=${site}`],
  ['utilisation by connector', `utilisation?${range}`],
  ['utilisation by station, monthly', `utilisation?${range}&by=station&groupBy=month`],
  ['peak hours (network)', `peak-hours?${range}`],
  ['peak hours (site)', `peak-hours?${range}&siteId=${site}`],
  ['session stats by month', `session-stats?${range}&groupBy=month`],
  ['session distribution (duration)', `session-distribution?${range}&metric=duration`],
  ['faults by error code', `faults?${range}&by=errorCode`],
  ['faults by model', `faults?${range}&by=model`],
  ['revenue by tariff, monthly', `revenue?${range}&by=tariff&groupBy=month`],
  ['revenue by payment method', `revenue?${range}&by=paymentMethod`],
  ['top drivers', `top-drivers?${range}&limit=20`],
  ['top tokens', `top-tokens?${range}&limit=20`],
  ['energy by day, CSV', `energy?${range}&groupBy=day&format=csv`],
  ['sessions export (station), CSV', `sessions?${range}&stationId=${station}&format=csv`],
];

async function time(path: string): Promise<{ ms: number; rows: number; bytes: number }> {
  const started = process.hrtime.bigint();
  const res = await app.http.inject({ method: 'GET', url: `/api/v1/reports/${path}`, headers: { authorization: `Bearer ${token}` } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const rows = path.includes('format=csv') ? res.body.trimEnd().split('\n').length - 1 : (JSON.parse(res.body) as { items: unknown[] }).items.length;
  return { ms, rows, bytes: res.body.length };
}

const results: Array<{ report: string; rows: number; medianMs: number; maxMs: number }> = [];
for (const [name, path] of cases) {
  await time(path);
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await time(path);
    runs.push(r.ms);
    rows = r.rows;
  }
  runs.sort((a, b) => a - b);
  results.push({ report: name, rows, medianMs: Math.round(runs[Math.floor(runs.length / 2)]!), maxMs: Math.round(runs[runs.length - 1]!) });
  process.stdout.write('.');
}
process.stdout.write('\n');

let exportRun: { rows: number; ms: number; rowsPerSec: number } | null = null;
if (!args['skip-export']) {
  const r = await time(`sessions?${range}&format=csv`);
  exportRun = { rows: r.rows, ms: Math.round(r.ms), rowsPerSec: Math.round(r.rows / (r.ms / 1000)) };
}
const incremental = await app.services.reports.rollups.refresh({ scanSessions: true });
const memory = Math.round(process.memoryUsage().rss / 1024 / 1024);

const c = counts.rows[0]!;
process.stdout.write(`\nHistory: ${c.stations} stations, ${c.sessions} sessions, ${c.statuses} status events, ${c.samples} meter samples, ${c.hours} port-hour rollup rows; ${args.days} days, ${config.database.url ? 'PostgreSQL' : 'PGlite'}\n\n`);
const w = Math.max(...results.map((r) => r.report.length));
process.stdout.write(`${'report'.padEnd(w)}  ${'rows'.padStart(7)}  ${'median ms'.padStart(9)}  ${'max ms'.padStart(7)}\n`);
for (const r of results) process.stdout.write(`${r.report.padEnd(w)}  ${String(r.rows).padStart(7)}  ${String(r.medianMs).padStart(9)}  ${String(r.maxMs).padStart(7)}\n`);
if (exportRun) process.stdout.write(`\nfull session export (CSV, streamed): ${exportRun.rows} rows in ${exportRun.ms} ms (${exportRun.rowsPerSec} rows/s)\n`);
process.stdout.write(`rollup refresh: first ${refreshed.ms} ms, incremental ${incremental.ms} ms (with the sessions scan); process RSS ${memory} MiB\n`);
await writeFile('bench-reports.json', JSON.stringify({ history: c, days: Number(args.days), results, export: exportRun, refresh: { first: refreshed.ms, incremental: incremental.ms }, rssMiB: memory }, null, 2));
await app.close();
