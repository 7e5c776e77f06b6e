/**
 * Generates realistic charging history for benchmarking reports:
 *
 *   DATABASE_URL=postgres://... npm run seed:history -- --stations 1000 --days 365
 *
 * Sites in several time zones; stations of a few vendors and models (AC with two connectors,
 * DC with one or two); drivers with RFID tokens; sessions whose arrivals follow the hours of
 * the day, each with 1.6-style statuses (Preparing, Charging, SuspendedEV, Finishing,
 * Available), charging-state events, energy registers and power every `--sample-min` minutes,
 * its billing binding and CDR; faults with error codes, disconnects, maintenance with
 * recorded exclusions. Then it builds the report rollups from scratch and says how long that
 * took. Deterministic for a given --seed. Stations are named SEED-00001...; a second run adds
 * nothing for stations that exist (use a fresh database).
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { createLogger } from '../src/log.ts';

const { values: args } = parseArgs({
  options: {
    stations: { type: 'string', default: '1000' },
    days: { type: 'string', default: '365' },
    'sample-min': { type: 'string', default: '30' },
    seed: { type: 'string', default: '42' },
    'no-rollups': { type: 'boolean', default: false },
  },
});
const STATIONS = Number(args.stations);
const DAYS = Number(args.days);
const SAMPLE_MS = Number(args['sample-min']) * 60_000;
const MIN = 60_000;
const HOUR = 60 * MIN;

/** mulberry32: a small seeded PRNG, so a run can be repeated. */
let state = Number(args.seed) >>> 0;
function rnd(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const between = (a: number, b: number) => a + rnd() * (b - a);

/** Arrivals by local hour of day: a morning and an evening peak. */
const ARRIVALS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.2, 3.0, 2.6, 2.0, 1.9, 2.2, 2.0, 1.8, 2.0, 2.6, 3.2, 3.4, 2.8, 2.0, 1.4, 0.9, 0.5];
const ARRIVAL_SUM = ARRIVALS.reduce((a, b) => a + b, 0);
const ZONES = ['Europe/Berlin', 'Atlantic/Reykjavik', 'Europe/Oslo', 'America/New_York', 'America/Los_Angeles', 'Europe/London'];
const MODELS = [
  { vendor: 'Alfen', model: 'Eve Double Pro', dc: false },
  { vendor: 'ABB', model: 'Terra AC', dc: false },
  { vendor: 'Zaptec', model: 'Pro', dc: false },
  { vendor: 'ABB', model: 'Terra 184', dc: true },
  { vendor: 'Kempower', model: 'S-Series', dc: true },
] as const;
const ERRORS = ['GroundFailure', 'OverCurrentFailure', 'PowerMeterFailure', 'ConnectorLockFailure', 'EVCommunicationError', 'HighTemperature', 'OtherError'];
const MODES = ['card', 'card', 'card', 'wallet', 'wallet', 'postpaid', 'subscription', 'none'];

/** Rows of one table, written in batches through unnest (one statement per few thousand rows). */
class Table {
  rows: unknown[][] = [];
  readonly db: Database;
  readonly sql: string;
  readonly types: string[];
  constructor(db: Database, sql: string, types: string[]) {
    this.db = db;
    this.sql = sql;
    this.types = types;
  }
  add(...row: unknown[]) {
    this.rows.push(row);
  }
  async flush() {
    for (let i = 0; i < this.rows.length; i += 5000) {
      const chunk = this.rows.slice(i, i + 5000);
      const cols = this.types.map((_, c) => chunk.map((r) => r[c] ?? null));
      await this.db.query(this.sql.replace('$ROWS', `SELECT * FROM unnest(${this.types.map((t, c) => `$${c + 1}::${t}[]`).join(', ')})`), cols);
    }
    this.rows = [];
  }
}

async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  if (!config.database.url) process.stderr.write('note: no DATABASE_URL; seeding the embedded database under DATA_DIR\n');
  const app = await buildApp(config, { log: createLogger('warn') });
  const db = app.database;
  const started = Date.now();
  const now = Math.floor(Date.now() / HOUR) * HOUR;
  const begin = now - DAYS * 86_400_000;

  const siteIds: Array<{ id: string; tz: string }> = [];
  for (let i = 0; i < Math.max(1, Math.ceil(STATIONS / 10)); i++) {
    const tz = ZONES[i % ZONES.length]!;
    const r = await db.query<{ id: string }>(`INSERT INTO sites (name, time_zone) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`, [`Seed site ${i + 1}`, tz]);
    if (r.rows[0]) siteIds.push({ id: r.rows[0].id, tz });
  }
  const tariffs: Array<{ id: string; price: number }> = [];
  for (const [name, price] of [['Seed AC', 0.45], ['Seed DC', 0.69], ['Seed night', 0.32]] as const) {
    const r = await db.query<{ id: string }>(`INSERT INTO tariffs (name, currency) VALUES ($1, 'EUR') RETURNING id`, [name]);
    await db.query(`INSERT INTO tariff_versions (tariff_id, version, body, valid_from) VALUES ($1, 1, $2, $3)`, [
      r.rows[0]!.id,
      JSON.stringify({ currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: String(price), vat: 24, step_size: 1 }] }] }),
      new Date(begin).toISOString(),
    ]);
    tariffs.push({ id: r.rows[0]!.id, price });
  }
  const DRIVERS = Math.max(50, STATIONS * 20);
  const drivers = await db.query<{ id: string }>(
    `INSERT INTO drivers (email, name) SELECT 'seed-' || g || '-' || $2 || '@example.test', 'Driver ' || g FROM generate_series(1, $1::int) g RETURNING id`,
    [DRIVERS, Date.now().toString(36)],
  );
  const driverIds = drivers.rows.map((r) => r.id);
  const tokenOf = (i: number) => `5EED${i.toString(16).toUpperCase().padStart(8, '0')}`;
  await db.query(`INSERT INTO id_tokens (uid, type, driver_id) SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]) ON CONFLICT DO NOTHING`, [
    driverIds.map((_, i) => tokenOf(i)),
    driverIds.map(() => 'ISO14443'),
    driverIds,
  ]);
  process.stdout.write(`sites ${siteIds.length}, drivers ${driverIds.length}\n`);

  const T = {
    stations: new Table(db, `INSERT INTO stations (id, site_id, vendor, model, ocpp_version, created_at) $ROWS ON CONFLICT DO NOTHING`, ['text', 'uuid', 'text', 'text', 'text', 'timestamptz']),
    connectors: new Table(db, `INSERT INTO connectors (station_id, evse_id, connector_id, status, raw_status, status_at) $ROWS ON CONFLICT DO NOTHING`, ['text', 'int', 'int', 'text', 'text', 'timestamptz']),
    presence: new Table(db, `INSERT INTO station_presence_events (station_id, connected, reason, at) $ROWS`, ['text', 'bool', 'text', 'timestamptz']),
    statuses: new Table(db, `INSERT INTO connector_status_events (station_id, evse_id, connector_id, status, raw_status, error_code, at) $ROWS`, ['text', 'int', 'int', 'text', 'text', 'text', 'timestamptz']),
    sessions: new Table(
      db,
      `INSERT INTO sessions (id, station_id, evse_id, connector_id, transaction_id, token_uid, token_type, driver_id, auth_status, status, started_at, ended_at, stop_reason, ended_by, meter_start_wh, meter_stop_wh, energy_wh, updated_at) $ROWS`,
      ['uuid', 'text', 'int', 'int', 'text', 'text', 'text', 'uuid', 'text', 'text', 'timestamptz', 'timestamptz', 'text', 'text', 'bigint', 'bigint', 'bigint', 'timestamptz'],
    ),
    events: new Table(db, `INSERT INTO session_events (session_id, kind, charging_state, at) $ROWS`, ['uuid', 'text', 'text', 'timestamptz']),
    samples: new Table(db, `INSERT INTO meter_samples (station_id, evse_id, session_id, at, measurand, context, value, unit) $ROWS`, ['text', 'int', 'uuid', 'timestamptz', 'text', 'text', 'numeric', 'text']),
    billing: new Table(db, `INSERT INTO session_billing (session_id, tariff_id, tariff_version, payment_mode) $ROWS`, ['uuid', 'uuid', 'int', 'text']),
    cdrs: new Table(
      db,
      `INSERT INTO cdrs (session_id, station_id, evse_id, connector_id, transaction_id, token_uid, driver_id, started_at, ended_at, energy_wh, charging_sec, parking_sec, tariff_id, tariff_version, currency, total_excl_minor, total_vat_minor, total_incl_minor, cost) $ROWS`,
      ['uuid', 'text', 'int', 'int', 'text', 'text', 'uuid', 'timestamptz', 'timestamptz', 'numeric', 'numeric', 'numeric', 'uuid', 'int', 'text', 'bigint', 'bigint', 'bigint', 'jsonb'],
    ),
    exclusions: new Table(db, `INSERT INTO uptime_exclusions (station_id, evse_id, starts_at, ends_at, reason, created_by) $ROWS`, ['text', 'int', 'timestamptz', 'timestamptz', 'text', 'text']),
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  let sessionCount = 0;

  for (let n = 1; n <= STATIONS; n++) {
    const id = `SEED-${String(n).padStart(5, '0')}`;
    const kind = pick(MODELS);
    const site = siteIds[(n - 1) % siteIds.length]!;
    const ports = kind.dc ? (rnd() < 0.5 ? 1 : 2) : 2;
    const popularity = between(0.4, 1.8) * (kind.dc ? 2.2 : 1);
    const tariff = kind.dc ? tariffs[1]! : rnd() < 0.2 ? tariffs[2]! : tariffs[0]!;
    T.stations.add(id, site.id, kind.vendor, kind.model, '1.6', iso(begin - HOUR));
    T.presence.add(id, true, null, iso(begin));

    // Disconnects: about two a month, 5 minutes to 6 hours.
    const offline: Array<[number, number]> = [];
    for (let t = begin + between(0, 15) * 86_400_000; t < now; t += between(5, 25) * 86_400_000) {
      const until = Math.min(now - MIN, t + between(5, 360) * MIN);
      offline.push([t, until]);
      T.presence.add(id, false, 'ping timeout', iso(t));
      T.presence.add(id, true, null, iso(until));
    }
    let tx = 0;
    for (let evse = 1; evse <= ports; evse++) {
      T.connectors.add(id, evse, 1, 'Available', 'Available', iso(now - HOUR));
      const status = (s: string, at: number, code: string | null = null) => T.statuses.add(id, evse, 1, s === 'Charging' || s === 'Preparing' || s === 'Finishing' || s === 'SuspendedEV' ? 'Occupied' : s, s, code, iso(at));
      status('Available', begin);
      // Faults about once a month per port, 10 minutes to 12 hours; maintenance (Unavailable, excluded) a few times a year.
      const down: Array<[number, number]> = [];
      for (let t = begin + between(1, 40) * 86_400_000; t < now - 13 * HOUR; t += between(10, 50) * 86_400_000) {
        const maintenance = rnd() < 0.15;
        const end = t + (maintenance ? between(60, 240) : between(10, 720)) * MIN;
        down.push([t, end]);
        if (maintenance) {
          status('Unavailable', t);
          T.exclusions.add(id, evse, iso(t), iso(end), 'scheduled_maintenance', 'seed');
        } else status('Faulted', t, pick(ERRORS));
        status('Available', end);
      }
      let t = begin + between(0, 4) * HOUR;
      while (t < now - 6 * HOUR) {
        // Next arrival: exponential gaps scaled by the hour's share of arrivals (local hour approximated by UTC).
        const perDay = popularity * (ports === 1 ? 3.2 : 1.7);
        const hourWeight = ARRIVALS[new Date(t).getUTCHours()]! / (ARRIVAL_SUM / 24);
        t += (-Math.log(1 - rnd()) / (perDay * Math.max(0.1, hourWeight))) * 86_400_000;
        const chargeMs = (kind.dc ? between(15, 45) : between(45, 240)) * MIN;
        const idleMs = kind.dc ? between(0, 5) * MIN : rnd() < 0.6 ? between(5, 120) * MIN : 0;
        const start = Math.floor(t / 1000) * 1000;
        const chargedAt = start + chargeMs;
        const end = chargedAt + idleMs;
        if (end >= now - HOUR) break;
        if (down.some(([a, b]) => a < end + 2 * MIN && start - 2 * MIN < b) || offline.some(([a, b]) => a < end && start < b)) {
          t = end;
          continue;
        }
        const powerW = kind.dc ? between(40_000, 150_000) : between(6_000, 11_000);
        const wh = Math.round((powerW * chargeMs) / HOUR);
        const sid = crypto.randomUUID();
        const driver = Math.floor(driverIds.length * rnd() ** 2.2);
        const meterStart = Math.floor(between(1e6, 9e6));
        tx++;
        T.sessions.add(sid, id, evse, 1, String(tx), tokenOf(driver), 'ISO14443', driverIds[driver], 'Accepted', 'completed', iso(start), iso(end), 'EVDisconnected', 'station', meterStart, meterStart + wh, wh, iso(end));
        status('Preparing', start - MIN);
        status('Charging', start);
        if (idleMs > 0) status('SuspendedEV', chargedAt);
        status('Finishing', end);
        status('Available', end + MIN);
        T.events.add(sid, 'Started', null, iso(start));
        if (idleMs > 0) T.events.add(sid, 'State', 'SuspendedEV', iso(chargedAt));
        T.events.add(sid, 'Ended', null, iso(end));
        for (let s = start; s < chargedAt; s += SAMPLE_MS) {
          T.samples.add(id, evse, sid, iso(s), 'Energy.Active.Import.Register', s === start ? 'Transaction.Begin' : 'Sample.Periodic', meterStart + Math.round((wh * (s - start)) / chargeMs), 'Wh');
          T.samples.add(id, evse, sid, iso(s), 'Power.Active.Import', 'Sample.Periodic', Math.round(powerW * between(0.85, 1)), 'W');
        }
        T.samples.add(id, evse, sid, iso(end), 'Energy.Active.Import.Register', 'Transaction.End', meterStart + wh, 'Wh');
        const mode = pick(MODES);
        T.billing.add(sid, tariff.id, 1, mode);
        const excl = Math.round((wh / 1000) * tariff.price * 100);
        const vat = Math.round(excl * 0.24);
        T.cdrs.add(sid, id, evse, 1, String(tx), tokenOf(driver), driverIds[driver], iso(start), iso(end), (wh).toFixed(3), (chargeMs / 1000).toFixed(3), (idleMs / 1000).toFixed(3), tariff.id, 1, 'EUR', excl, vat, excl + vat, '{}');
        sessionCount++;
        t = end + 2 * MIN;
      }
    }
    if (n % 25 === 0 || n === STATIONS) {
      for (const table of Object.values(T)) await table.flush();
      process.stdout.write(`\rstations ${n}/${STATIONS}, sessions ${sessionCount}, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
  process.stdout.write('\n');
  await db.query('ANALYZE');
  if (!args['no-rollups']) {
    const r = await app.services.reports.rollups.rebuildAll();
    process.stdout.write(`report rollups built in ${(r.ms / 1000).toFixed(1)} s (${r.stations} stations)\n`);
    await db.query('ANALYZE');
  }
  process.stdout.write(`seeded ${STATIONS} stations, ${DAYS} days, ${sessionCount} sessions in ${Math.round((Date.now() - started) / 1000)} s\n`);
  await app.close();
}

await main();
