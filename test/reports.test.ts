/**
 * Every report against a small history written by hand, with its right answers worked out
 * here in the comments, on both databases. The history goes in through SQL because its
 * timing must be exact (presence, statuses, sessions, CDRs at chosen instants); the server's
 * clock stands just after it.
 *
 * Monday 2026-05-04 and Tuesday 05-05 (UTC). Station A (site in Berlin, V1/M1, EVSEs 1 and 2)
 * connects at 06:00, is offline 20:00-21:00 (maintenance recorded 20:30-21:00); EVSE 1 is
 * Faulted (GroundFailure) 12:00-12:30, EVSE 2 Unavailable 14:00-15:00. Station B (V2/M2) connects
 * at 08:00; Faulted (OverVoltage) Tue 09:00-10:00.
 *   S1  A/1 Mon 10:00-11:30, 9000 Wh (0 @10:00, 6000 @11:00, 9000 @11:30), SuspendedEV from 11:15, token TOK1 (driver 1), CDR 3.00 + 0.72 card
 *   S2  A/2 Mon 21:30-23:30, 4000 Wh (100 @21:30, 4100 @23:30), token TOK2 (driver 2), no CDR
 *   S3  B/1 Tue 13:00-13:45, 20000 Wh, token TOK1, CDR 10.00 + 2.40 wallet
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../src/clock.ts';
import { startServer, type TestServer } from './helpers/app.ts';
import { backends } from './helpers/db.ts';

const day = '2026-05-04';
const at = (hhmm: string, d = day) => `${d}T${hhmm}:00Z`;
const tue = (hhmm: string) => at(hhmm, '2026-05-05');
const range = `from=${at('00:00')}&to=2026-05-06T00:00:00Z`;

async function writeHistory(s: TestServer): Promise<{ A: string; B: string; site: string; d1: string; d2: string; tariff: string }> {
  const q = (text: string, params: unknown[] = []) => s.db.database.query(text, params);
  const site = (await s.api('POST', '/api/v1/sites', { name: `Berlin ${Date.now()}`, timeZone: 'Europe/Berlin' })).body.id as string;
  const A = `REP-A-${Date.now().toString(36)}`;
  const B = `REP-B-${Date.now().toString(36)}`;
  await q(`INSERT INTO stations (id, site_id, vendor, model) VALUES ($1, $2, 'V1', 'M1'), ($3, NULL, 'V2', 'M2')`, [A, site, B]);
  await q(
    `INSERT INTO station_presence_events (station_id, connected, at) VALUES ($1, true, $2), ($1, false, $3), ($1, true, $4), ($5, true, $6)`,
    [A, at('06:00'), at('20:00'), at('21:00'), B, at('08:00')],
  );
  const status = (st: string, evse: number, status: string, when: string, code: string | null = null) =>
    q(`INSERT INTO connector_status_events (station_id, evse_id, connector_id, status, raw_status, error_code, at) VALUES ($1, $2, 1, $3, $3, $4, $5)`, [st, evse, status, code, when]);
  await status(A, 1, 'Available', at('06:00'));
  await status(A, 2, 'Available', at('06:00'));
  await status(A, 1, 'Faulted', at('12:00'), 'GroundFailure');
  await status(A, 1, 'Available', at('12:30'));
  await status(A, 2, 'Unavailable', at('14:00'));
  await status(A, 2, 'Available', at('15:00'));
  await status(B, 1, 'Available', at('08:00'));
  await status(B, 1, 'Faulted', tue('09:00'), 'OverVoltage');
  await status(B, 1, 'Available', tue('10:00'));
  for (const [st, evse] of [[A, 1], [A, 2], [B, 1]] as const) {
    await q(`INSERT INTO connectors (station_id, evse_id, connector_id, status, raw_status, status_at) VALUES ($1, $2, 1, 'Available', 'Available', $3)`, [st, evse, tue('10:00')]);
  }
  const driver = async (email: string) => (await q(`INSERT INTO drivers (email, name) VALUES ($1, $1) RETURNING id`, [email])).rows[0]!.id as string;
  const d1 = await driver(`one-${A.toLowerCase()}@example.test`);
  const d2 = await driver(`two-${A.toLowerCase()}@example.test`);
  const session = async (st: string, evse: number, tx: string, start: string, end: string, wh: number, uid: string, driverId: string, registers: Array<[string, number]>) => {
    const id = (
      await q(
        `INSERT INTO sessions (station_id, evse_id, connector_id, transaction_id, token_uid, driver_id, status, started_at, ended_at, energy_wh)
         VALUES ($1, $2, 1, $3, $4, $5, 'completed', $6, $7, $8) RETURNING id`,
        [st, evse, tx, uid, driverId, start, end, wh],
      )
    ).rows[0]!.id as string;
    for (const [when, value] of registers) {
      await q(`INSERT INTO meter_samples (station_id, evse_id, session_id, at, measurand, value, unit) VALUES ($1, $2, $3, $4, 'Energy.Active.Import.Register', $5, 'Wh')`, [st, evse, id, when, value]);
    }
    return id;
  };
  const s1 = await session(A, 1, '1', at('10:00'), at('11:30'), 9000, 'TOK1', d1, [[at('10:00'), 0], [at('11:00'), 6000], [at('11:30'), 9000]]);
  await q(`INSERT INTO session_events (session_id, kind, charging_state, at) VALUES ($1, 'State', 'SuspendedEV', $2)`, [s1, at('11:15')]);
  await session(A, 2, '2', at('21:30'), at('23:30'), 4000, 'TOK2', d2, [[at('21:30'), 100], [at('23:30'), 4100]]);
  const s3 = await session(B, 1, '3', tue('13:00'), tue('13:45'), 20000, 'TOK1', d1, [[tue('13:00'), 0], [tue('13:45'), 20000]]);
  const tariff = (await q(`INSERT INTO tariffs (name, currency) VALUES ('Standard', 'EUR') RETURNING id`)).rows[0]!.id as string;
  const cdr = async (sid: string, st: string, start: string, end: string, wh: number, excl: number, vat: number, mode: string) => {
    await q(`INSERT INTO session_billing (session_id, tariff_id, tariff_version, payment_mode) VALUES ($1, $2, 1, $3)`, [sid, tariff, mode]);
    await q(
      `INSERT INTO cdrs (session_id, station_id, evse_id, connector_id, transaction_id, started_at, ended_at, energy_wh, charging_sec, parking_sec,
         tariff_id, tariff_version, currency, total_excl_minor, total_vat_minor, total_incl_minor, cost)
       VALUES ($1, $2, 1, 1, 'x', $3, $4, $5, 0, 0, $6, 1, 'EUR', $7, $8, $9, '{}')`,
      [sid, st, start, end, wh, tariff, excl, vat, excl + vat],
    );
  };
  await cdr(s1, A, at('10:00'), at('11:30'), 9000, 300, 72, 'card');
  await cdr(s3, B, tue('13:00'), tue('13:45'), 20000, 1000, 240, 'wallet');
  return { A, B, site, d1, d2, tariff };
}

for (const backend of await backends()) {
  describe(`reports on ${backend}`, () => {
    let s: TestServer;
    let h: Awaited<ReturnType<typeof writeHistory>>;
    const clock = new ManualClock('2026-05-06T00:00:00Z');
    const get = async (path: string) => {
      const r = await s.api('GET', `/api/v1/reports/${path}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const mine = (items: any[]): any[] => items.filter((i) => i.stationId === h.A || i.stationId === h.B);

    before(async () => {
      s = await startServer(backend, { clock, env: { REPORTS_MAX_LAG_SEC: '0' } });
      h = await writeHistory(s);
      const ex = await s.api('POST', '/api/v1/uptime-exclusions', { stationId: h.A, startsAt: at('20:30'), endsAt: at('21:00'), reason: 'scheduled_maintenance', note: 'new cable' });
      assert.equal(ex.status, 201, JSON.stringify(ex.body));
    });
    after(() => s.close());

    it('energy and sessions by day, in UTC and in Berlin, for the network and for one station', async () => {
      const utc = await get(`energy?${range}&groupBy=day&tz=UTC`);
      // Mon: S1 9000 + S2 4000; Tue: S3 20000
      assert.deepEqual(
        utc.items.map((i: any) => [i.period, i.energyWh, i.sessions]),
        [['2026-05-04T00:00:00Z', 13000, 2], ['2026-05-05T00:00:00Z', 20000, 1]],
      );
      assert.deepEqual(utc.columns.slice(0, 3), ['period', 'energyWh', 'sessions']);
      // Berlin (UTC+2): S2's first half hour (1000 of its 4000 Wh) is Monday, the rest Tuesday; S3 Tuesday; Wednesday's first two hours nothing.
      const berlin = await get(`energy?${range}&groupBy=day&tz=Europe/Berlin`);
      assert.deepEqual(
        berlin.items.map((i: any) => [i.period, i.energyWh, i.sessions]),
        [['2026-05-04T00:00:00+02:00', 10000, 2], ['2026-05-05T00:00:00+02:00', 23000, 1], ['2026-05-06T00:00:00+02:00', 0, 0]],
      );
      // S1 hour by hour: 6000 Wh 10-11, 3000 Wh 11-11:30; charging 75 of its 90 minutes.
      const hourly = await get(`energy?from=${at('10:00')}&to=${at('12:00')}&groupBy=hour&stationId=${h.A}&evseId=1`);
      assert.deepEqual(hourly.items.map((i: any) => [i.energyWh, i.chargingMinutes, i.occupiedMinutes]), [[6000, 60, 60], [3000, 15, 30]]);
      const b = await get(`energy?${range}&groupBy=day&stationId=${h.B}`);
      assert.deepEqual(b.items.map((i: any) => i.energyWh), [0, 20000]);
      // Plain dates mean midnight in the report's zone: Berlin's Monday starts Sunday 22:00 UTC.
      const dates = await get(`energy?from=2026-05-04&to=2026-05-06&groupBy=day&tz=Europe/Berlin`);
      assert.deepEqual([dates.from, dates.to, dates.items.length], ['2026-05-03T22:00:00.000Z', '2026-05-05T22:00:00.000Z', 2]);
      // Weeks start on Monday (ISO); months on the 1st, in the zone.
      assert.deepEqual((await get(`energy?${range}&groupBy=week&tz=UTC`)).items.map((i: any) => [i.period, i.energyWh, i.sessions]), [['2026-05-04T00:00:00Z', 33000, 3]]);
      assert.deepEqual((await get(`energy?${range}&groupBy=month&tz=Europe/Berlin`)).items.map((i: any) => [i.period, i.energyWh]), [['2026-05-01T00:00:00+02:00', 33000]]);
      // Berlin's spring-forward day has 23 hours: its periods still start at local midnight.
      const dst = await get(`energy?from=2026-03-28T23:00:00Z&to=2026-03-30T22:00:00Z&groupBy=day&tz=Europe/Berlin`);
      assert.deepEqual(dst.items.map((i: any) => i.period), ['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00']);
      const site = await get(`energy?${range}&siteId=${h.site}`);
      assert.deepEqual(site.items.map((i: any) => [i.energyWh, i.sessions]), [[13000, 2]]);
    });

    it('answers CSV with a header row', async () => {
      const res = await fetch(`${s.baseUrl}/api/v1/reports/energy?${range}&groupBy=day&tz=UTC&format=csv`, { headers: { authorization: `Bearer ${s.adminToken}` } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(await res.text(), 'period,energyWh,sessions,chargingMinutes,occupiedMinutes\n2026-05-04T00:00:00Z,13000,2,195,210\n2026-05-05T00:00:00Z,20000,1,45,45\n');
    });

    it('uptime per connector and per station as NEVI computes it, maintenance excluded', async () => {
      const ports = mine((await get(`uptime?${range}&by=connector`)).items);
      // A is in service from Mon 06:00 to now (Wed 00:00): 2520 min per port; B from 08:00: 2400 min.
      // A/1: offline 60 + faulted 30 = 90, of which 30 excluded: (2520 - 60) / 2520 = 97.619 %
      // A/2: offline 60 + unavailable 60 = 120, 30 excluded: (2520 - 90) / 2520 = 96.429 %
      // B/1: faulted 60: (2400 - 60) / 2400 = 97.5 %
      assert.deepEqual(
        ports.map((p: any) => [p.stationId, p.evseId, p.inServiceMinutes, p.outageMinutes, p.excludedMinutes, p.offlineMinutes, p.faultedMinutes, p.unavailableMinutes, p.uptimePercent, p.meetsNevi]),
        [
          [h.A, 1, 2520, 90, 30, 60, 30, 0, 97.619, true],
          [h.A, 2, 2520, 120, 30, 60, 0, 60, 96.429, false],
          [h.B, 1, 2400, 60, 0, 0, 60, 0, 97.5, true],
        ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
      const stations = mine((await get(`uptime?${range}`)).items);
      // A: (5040 - (210 - 60)) / 5040 = 97.024 %
      const a = stations.find((x: any) => x.stationId === h.A);
      assert.deepEqual([a.ports, a.inServiceMinutes, a.uptimePercent, a.siteId], [2, 5040, 97.024, h.site]);
      // The same through the hourly rollup (another zone), and from mid-morning: A/1 in service 38 h from 10:00,
      // down 90 min of which 30 excluded: (2280 - 60) / 2280 = 97.368 %
      const viaHours = mine((await get(`uptime?${range}&by=connector&tz=Europe/Berlin`)).items);
      assert.deepEqual(viaHours.map((p: any) => p.uptimePercent), ports.map((p: any) => p.uptimePercent));
      const late = mine((await get(`uptime?from=${at('10:00')}&to=2026-05-06T00:00:00Z&by=connector&stationId=${h.A}&evseId=1`)).items);
      assert.deepEqual(late.map((p: any) => [p.inServiceMinutes, p.outageMinutes, p.uptimePercent]), [[2280, 90, 97.368]]);
      // Per day: Monday A/2 is in service 18 h (1080 min) with 90 min down after exclusion: 91.667 %
      const daily = (await get(`uptime?${range}&by=connector&groupBy=day&stationId=${h.A}&evseId=2`)).items;
      assert.deepEqual(daily.map((d: any) => [d.period, d.inServiceMinutes, d.uptimePercent]), [['2026-05-04T00:00:00Z', 1080, 91.667], ['2026-05-05T00:00:00Z', 1440, 100]]);
    });

    it('utilisation: the share of in-service time each connector was occupied and charging', async () => {
      const items = mine((await get(`utilisation?${range}`)).items);
      // A/1: occupied 90, charging 75 of 2520 min; A/2: 120 and 120 of 2520; B/1: 45 and 45 of 2400
      assert.deepEqual(
        items.map((i: any) => [i.stationId, i.evseId, i.occupiedMinutes, i.chargingMinutes, i.occupiedPercent, i.chargingPercent, i.sessions, i.energyWh]),
        [
          [h.A, 1, 90, 75, 3.571, 2.976, 1, 9000],
          [h.A, 2, 120, 120, 4.762, 4.762, 1, 4000],
          [h.B, 1, 45, 45, 1.875, 1.875, 1, 20000],
        ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
    });

    it('faults by error code and by station model', async () => {
      const byCode = (await get(`faults?${range}&by=errorCode`)).items.filter((r: any) => ['GroundFailure', 'OverVoltage'].includes(r.errorCode));
      assert.deepEqual(byCode.map((r: any) => [r.errorCode, r.faults, r.downtimeMinutes, r.stations]), [['OverVoltage', 1, 60, 1], ['GroundFailure', 1, 30, 1]]);
      const byModel = (await get(`faults?${range}&by=model&stationId=${h.A}`)).items;
      assert.deepEqual(byModel.map((r: any) => [r.vendor, r.model, r.faults, r.downtimeMinutes]), [['V1', 'M1', 1, 30]]);
    });

    it('peak hours: sessions and power by day of week and hour, in local time', async () => {
      const rows = (await get(`peak-hours?${range}&tz=UTC&siteId=${h.site}`)).items;
      assert.equal(rows.length, 48, 'two days of 24 hours');
      const slot = (dow: number, hour: number) => rows.find((r: any) => r.dayOfWeek === dow && r.hour === hour);
      // Monday (ISO 1) 10:00: 6000 Wh in one hour = 6000 W; 21:00 S2 starts, 1000 Wh
      assert.deepEqual([slot(1, 10).sessions, slot(1, 10).energyWh, slot(1, 10).avgPowerW, slot(1, 10).peakPowerW], [1, 6000, 6000, 6000]);
      assert.deepEqual([slot(1, 21).sessions, slot(1, 21).energyWh, slot(1, 22).energyWh, slot(1, 23).energyWh], [1, 1000, 2000, 1000]);
      const berlin = (await get(`peak-hours?${range}&tz=Europe/Berlin&stationId=${h.B}`)).items;
      // S3 at 13:00Z is 15:00 on Tuesday (ISO 2) in Berlin
      assert.deepEqual(berlin.filter((r: any) => r.energyWh > 0).map((r: any) => [r.dayOfWeek, r.hour, r.sessions, r.energyWh]), [[2, 15, 1, 20000]]);
    });

    it('session statistics and distributions', async () => {
      const all = (await get(`session-stats?${range}&siteId=${h.site}`)).items;
      // Site Berlin holds S1 (90 min, 9000 Wh, 15 min idle) and S2 (120 min, 4000 Wh, no idle)
      assert.deepEqual(
        [all[0].sessions, all[0].energyWh, all[0].energyAvgWh, all[0].energyMedianWh, all[0].durationAvgSec, all[0].chargingAvgSec, all[0].idleAvgSec, all[0].idleSharePercent],
        [2, 13000, 6500, 6500, 6300, 5850, 450, 7.143],
      );
      const both = (await get(`session-stats?${range}&groupBy=day&tz=UTC`)).items;
      assert.equal(both.length, 2);
      const mineOnly = await Promise.all([h.A, h.B].map((id) => get(`session-stats?${range}&stationId=${id}`)));
      assert.deepEqual(mineOnly.map((r) => r.items[0].sessions), [2, 1]);
      // The 90th percentile is continuous: of A's 4000 and 9000 Wh, 4000 + 0.9 x 5000 = 8500; of all three, 9000 + 0.8 x 11000 = 17800
      assert.equal((await get(`session-stats?${range}&stationId=${h.A}`)).items[0].energyP90Wh, 8500);
      assert.equal((await get(`session-stats?${range}`)).items[0].energyP90Wh, 17800);
      const dist = (await get(`session-distribution?${range}&metric=duration&siteId=${h.site}`)).items;
      // 90 min in 60-120, 120 min in 120-240
      assert.deepEqual(dist.filter((d: any) => d.sessions > 0).map((d: any) => [d.bin, d.sessions, d.sharePercent]), [['60-120 min', 1, 50], ['120-240 min', 1, 50]]);
      const energy = (await get(`session-distribution?${range}&metric=energy&stationId=${h.B}`)).items;
      assert.deepEqual(energy.filter((d: any) => d.sessions > 0).map((d: any) => d.bin), ['20-40 kWh']);
    });

    it('top drivers and tokens by energy', async () => {
      const drivers = (await get(`top-drivers?${range}&limit=5`)).items.filter((d: any) => d.driverId === h.d1 || d.driverId === h.d2);
      assert.deepEqual(drivers.map((d: any) => [d.driverId, d.sessions, d.energyWh, d.tokens]), [[h.d1, 2, 29000, 1], [h.d2, 1, 4000, 1]]);
      const tokens = (await get(`top-tokens?${range}&siteId=${h.site}`)).items;
      assert.deepEqual(tokens.map((t: any) => [t.rank, t.tokenUid, t.energyWh]), [[1, 'TOK1', 9000], [2, 'TOK2', 4000]]);
    });

    it('revenue excl. and incl. VAT by tariff and by payment method, from CDRs', async () => {
      const byTariff = (await get(`revenue?${range}&by=tariff`)).items.filter((r: any) => r.tariffId === h.tariff);
      // S1 3.00 + 0.72 and S3 10.00 + 2.40; S2 has no CDR yet
      assert.deepEqual(byTariff.map((r: any) => [r.currency, r.tariffName, r.sessions, r.energyWh, r.totalExclVat, r.totalVat, r.totalInclVat]), [['EUR', 'Standard', 2, 29000, '13.00', '3.12', '16.12']]);
      const byMethod = (await get(`revenue?${range}&by=paymentMethod&groupBy=day&tz=UTC`)).items.filter((r: any) => ['card', 'wallet'].includes(r.paymentMethod));
      assert.deepEqual(byMethod.map((r: any) => [r.period, r.paymentMethod, r.totalInclVat]), [['2026-05-04T00:00:00Z', 'card', '3.72'], ['2026-05-05T00:00:00Z', 'wallet', '12.40']]);
    });

    it('exports every session, as CSV and JSON', async () => {
      const res = await fetch(`${s.baseUrl}/api/v1/reports/sessions?${range}&stationId=${h.A}&format=csv`, { headers: { authorization: `Bearer ${s.adminToken}` } });
      const lines = (await res.text()).trim().split('\n');
      assert.equal(lines[0], 'sessionId,stationId,siteId,evseId,connectorId,status,startedAt,endedAt,durationSec,chargingSec,idleSec,energyWh,maxPowerW,tokenUid,driverId,tariffId,paymentMethod,currency,totalExclVat,totalVat,totalInclVat');
      assert.equal(lines.length, 3);
      assert.match(lines[1]!, new RegExp(`,${h.A},${h.site},1,1,completed,2026-05-04T10:00:00.000Z,2026-05-04T11:30:00.000Z,5400,4500,900,9000,,TOK1,${h.d1},${h.tariff},card,EUR,3.00,0.72,3.72$`));
      const json = await get(`sessions?${range}&stationId=${h.A}`);
      assert.deepEqual(json.items.map((r: any) => [r.energyWh, r.totalInclVat]), [[9000, '3.72'], [4000, null]]);
    });

    it('takes in late data: a replayed fault with old timestamps, and a session only the background scan sees', async () => {
      const q = (text: string, params: unknown[]) => s.db.database.query(text, params);
      await q(`INSERT INTO connector_status_events (station_id, evse_id, connector_id, status, raw_status, error_code, at) VALUES ($1, 1, 1, 'Faulted', 'Faulted', 'OverCurrentFailure', $2), ($1, 1, 1, 'Available', 'Available', NULL, $3)`, [h.B, at('09:00'), at('09:30')]);
      const b = mine((await get(`uptime?${range}`)).items).find((x: any) => x.stationId === h.B);
      // B: faulted 60 + 30 = 90 of 2400 min: 96.25 %
      assert.deepEqual([b.faultedMinutes, b.uptimePercent], [90, 96.25]);
      await q(`INSERT INTO sessions (station_id, evse_id, connector_id, transaction_id, status, started_at, ended_at, energy_wh) VALUES ($1, 1, 1, 'late', 'completed', $2, $3, 500)`, [h.B, at('16:00'), at('16:30')]);
      await s.app.services.scheduler.runNow('reports-refresh');
      const energy = await get(`energy?${range}&groupBy=day&tz=UTC&stationId=${h.B}`);
      assert.deepEqual(energy.items.map((i: any) => [i.energyWh, i.sessions]), [[500, 1], [20000, 1]]);
      // Rebuilding from nothing gives the same answers.
      assert.equal((await s.api('POST', '/api/v1/reports/refresh?rebuild=true')).status, 200);
      assert.deepEqual((await get(`energy?${range}&groupBy=day&tz=UTC&stationId=${h.B}`)).items, energy.items);
    });

    it('records and lists uptime exclusions; refuses bad requests with a sentence', async () => {
      const list = await s.api('GET', `/api/v1/uptime-exclusions?stationId=${h.A}`);
      assert.deepEqual(list.body.items.map((x: any) => [x.reason, x.startsAt, x.note]), [['scheduled_maintenance', '2026-05-04T20:30:00.000Z', 'new cable']]);
      assert.equal((await s.api('POST', '/api/v1/uptime-exclusions', { stationId: h.A, startsAt: at('10:00'), endsAt: at('09:00'), reason: 'vandalism' })).status, 400);
      assert.equal((await s.api('POST', '/api/v1/uptime-exclusions', { stationId: 'NOPE', startsAt: at('10:00'), endsAt: at('11:00'), reason: 'vandalism' })).status, 404);
      const bad = await s.api('GET', `/api/v1/reports/energy?from=${at('10:00')}&to=${at('09:00')}`);
      assert.deepEqual([bad.status, bad.body.error.code], [400, 'VALIDATION_FAILED']);
      assert.equal((await s.api('GET', `/api/v1/reports/energy?${range}&tz=Mars/Olympus`)).status, 400);
      assert.equal((await s.api('GET', `/api/v1/reports/energy?${range}`, undefined, null)).status, 401);
    });

    it('carries an outage forward to now without new events, also after a refresh exactly on the hour', async () => {
      // The clock stands at Wed 00:00 exactly. Station C (no connectors: one port) connects Tue 22:00, drops off at 23:30 and says nothing more.
      const C = `REP-C-${Date.now().toString(36)}`;
      await s.db.database.query(`INSERT INTO stations (id) VALUES ($1)`, [C]);
      await s.db.database.query(`INSERT INTO station_presence_events (station_id, connected, at) VALUES ($1, true, $2), ($1, false, $3)`, [C, tue('22:00'), tue('23:30')]);
      const offline = async (to: string) => (await get(`uptime?from=${at('00:00')}&to=${to}&stationId=${C}`)).items[0].offlineMinutes;
      assert.equal(await offline('2026-05-06T00:00:00Z'), 30);
      clock.advance(2 * 3_600_000);
      assert.equal(await offline('2026-05-06T02:00:00Z'), 150);
    });
  });
}
