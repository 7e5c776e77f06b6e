/**
 * Holds the database to what the stations were told: every session the CSMS confirmed exists
 * once, ended, with its energy, every sample it confirmed stored once, and one CDR at the
 * tariff's price. Returns the discrepancies (empty: nothing lost, nothing counted twice).
 */
import assert from 'node:assert/strict';
import type { Database } from '../../../src/db/database.ts';
import { adminApi } from '../../helpers/server-process.ts';
import { eventually } from '../../helpers/app.ts';
import { QueuedStation, type Version } from './queued-station.ts';

const VERSIONS: Version[] = ['1.6', '2.0.1', '2.1'];

/** `count` queued stations named `{prefix}{tag}-{i}`, the versions in turn, each with its own card; not yet registered. */
export function queuedFleet(ocppUrl: string, prefix: string, count: number, sessions: number) {
  const tag = Date.now().toString(16).slice(-6).toUpperCase();
  const clockStart = Date.now() - 3_600_000;
  const plan = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${tag}-${i}`,
    version: VERSIONS[i % 3]!,
    token: `${tag}${i.toString(16).padStart(4, '0')}`,
  }));
  const stations = plan.map(
    (p) => new QueuedStation({ url: ocppUrl, id: p.id, version: p.version, token: p.token, sessions, samplesPerSession: 3, whPerSample: 250, clockStart }),
  );
  return { tag, plan, stations };
}

/** Waits until every session the stations ran is completed and priced; if some never are, the ledger says which. */
export async function settled(baseUrl: string, stations: QueuedStation[]): Promise<void> {
  const sessions = stations.reduce((n, s) => n + s.sessions.length, 0);
  const api = await adminApi(baseUrl); // signed in once: sign-ins are rate-limited
  await eventually(
    async () => {
      const c = await completedWithCdr(api);
      return c.completed === sessions && c.priced === sessions;
    },
    90_000,
    'a CDR for every session',
  ).catch(() => {});
}

/** Asserts the ledger is whole; returns its size. */
export async function assertLedger(database: Database, stations: QueuedStation[]): Promise<{ sessions: number; samples: number }> {
  // 1.6 stores meterStart and meterStop as the session's first and last register samples.
  const ledger = await ledgerProblems(database, stations, (st, n) => (st.v16 ? n + 2 : n));
  assert.deepEqual(ledger.problems.slice(0, 20), [], `${ledger.problems.length} problems`);
  assert.equal(
    ledger.sessions,
    stations.reduce((n, s) => n + s.sessions.length, 0),
  );
  return ledger;
}

/** The tariff every chaos test prices with: energy only, 0.30 EUR/kWh, no VAT. */
export const CHAOS_TARIFF = {
  name: 'Chaos',
  default: true,
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: '0.30', vat: 0, step_size: 1 }] }],
};
export const costMinor = (wh: number) => Math.round((wh * 30) / 1000);

/** Registers the stations (with their versions), their cards and the default tariff. */
export async function register(baseUrl: string, stations: Array<{ id: string; version: string; token?: string }>): Promise<void> {
  const api = await adminApi(baseUrl);
  const tariff = await api('POST', '/api/v1/tariffs', CHAOS_TARIFF);
  assert.equal(tariff.status, 201, JSON.stringify(tariff.body));
  for (let i = 0; i < stations.length; i += 25) {
    await Promise.all(
      stations.slice(i, i + 25).map(async (s) => {
        const st = await api('POST', '/api/v1/stations', { id: s.id, ocppVersion: s.version });
        assert.equal(st.status, 201, JSON.stringify(st.body));
        if (!s.token) return;
        const tk = await api('POST', '/api/v1/tokens', { uid: s.token, type: 'ISO14443' });
        assert.equal(tk.status, 201, JSON.stringify(tk.body));
      }),
    );
  }
}

/** Waits (through the API) until every completed session has its final cost, i.e. its CDR. */
type Api = Awaited<ReturnType<typeof adminApi>>;

export async function completedWithCdr(api: Api): Promise<{ completed: number; priced: number }> {
  let completed = 0;
  let priced = 0;
  for (let offset = 0; ; offset += 1000) {
    const page = await api<{ items: Array<{ cost?: { final?: boolean } | null }>; total: number }>(
      'GET',
      `/api/v1/sessions?status=completed&limit=1000&offset=${offset}`,
    );
    assert.equal(page.status, 200, JSON.stringify(page.body));
    completed += page.body.items.length;
    priced += page.body.items.filter((s) => s.cost?.final).length;
    if (page.body.items.length < 1000) break;
  }
  return { completed, priced };
}

interface Row {
  station_id: string;
  transaction_id: string;
  status: string;
  energy_wh: string;
  samples: string;
  cdrs: string;
  cost: string | null;
}

export async function ledgerProblems(
  database: Database,
  stations: QueuedStation[],
  samplesFor: (st: QueuedStation, samples: number) => number,
): Promise<{ problems: string[]; sessions: number; samples: number }> {
  const { rows } = await database.query<Row>(`
    SELECT s.station_id, s.transaction_id, s.status, s.energy_wh::text,
           (SELECT count(*) FROM meter_samples m WHERE m.session_id = s.id)::text AS samples,
           (SELECT count(*) FROM cdrs c WHERE c.session_id = s.id)::text AS cdrs,
           (SELECT sum(c.total_incl_minor) FROM cdrs c WHERE c.session_id = s.id)::text AS cost
      FROM sessions s`);
  const found = new Map<string, Row[]>();
  for (const r of rows) found.set(`${r.station_id}/${r.transaction_id}`, [...(found.get(`${r.station_id}/${r.transaction_id}`) ?? []), r]);
  const problems: string[] = [];
  let sessions = 0;
  let samples = 0;
  const expected = new Set<string>();
  for (const st of stations) {
    for (const s of st.sessions) {
      if (!s.ended || s.transactionId === null) {
        problems.push(`${st.o.id}: a session was not confirmed to its end (${s.transactionId ?? 'no id'})`);
        continue;
      }
      const key = `${st.o.id}/${s.transactionId}`;
      expected.add(key);
      const got = found.get(key) ?? [];
      const wh = s.stopWh - s.startWh;
      const want = samplesFor(st, s.samples);
      sessions++;
      samples += want;
      if (got.length !== 1) {
        problems.push(`${key}: ${got.length} sessions stored`);
        continue;
      }
      const r = got[0]!;
      if (r.status !== 'completed') problems.push(`${key}: status ${r.status}`);
      if (Number(r.energy_wh) !== wh) problems.push(`${key}: energy ${r.energy_wh} Wh, expected ${wh}`);
      if (Number(r.samples) !== want) problems.push(`${key}: ${r.samples} samples stored, expected ${want}`);
      if (Number(r.cdrs) !== 1) problems.push(`${key}: ${r.cdrs} CDRs`);
      else if (Number(r.cost) !== costMinor(wh)) problems.push(`${key}: cost ${r.cost} minor, expected ${costMinor(wh)}`);
    }
  }
  for (const key of found.keys()) if (!expected.has(key)) problems.push(`${key}: a session no station confirmed`);
  return { problems, sessions, samples };
}
