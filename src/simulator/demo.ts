/**
 * `npm start -- --demo`: a handful of simulated stations (every OCPP version) with a demo
 * driver and cards, registered in this CSMS and connected to it, so a new user sees stations,
 * connector statuses, sessions and meter values live at once. Works on the embedded database.
 */
import type { Straumur } from '../app.ts';
import type { OcppVersion } from '../ocpp/dialect.ts';
import { Fleet } from './fleet.ts';

export const DEMO_STATIONS: ReadonlyArray<{ id: string; version: OcppVersion; name: string }> = [
  { id: 'DEMO-1', version: '1.6', name: 'Demo Harbour 1 (OCPP 1.6)' },
  { id: 'DEMO-2', version: '2.0.1', name: 'Demo Harbour 2 (OCPP 2.0.1)' },
  { id: 'DEMO-3', version: '2.1', name: 'Demo Square (OCPP 2.1)' },
  { id: 'DEMO-4', version: '1.6', name: 'Demo Depot 1 (OCPP 1.6)' },
  { id: 'DEMO-5', version: '2.0.1', name: 'Demo Depot 2 (OCPP 2.0.1)' },
];
/** One card per EVSE, so no driver is refused for charging elsewhere. */
export const DEMO_TOKENS = Array.from({ length: 12 }, (_, i) => `DE0000${String(i + 1).padStart(2, '0')}`);
const DEMO_DRIVER = 'demo.driver@example.com';

/** Registers the demo data (once; later starts find it) and starts the fleet. */
export async function startDemo(app: Straumur, port: number): Promise<Fleet> {
  const { stations, drivers, tokens } = app.services;
  for (const s of DEMO_STATIONS) {
    const r = await stations.register({ id: s.id, name: s.name, ocppVersion: s.version });
    if (!r.ok && r.code !== 'ALREADY_EXISTS') throw new Error(`demo station ${s.id}: ${r.message}`);
  }
  const driver = await drivers.create({ email: DEMO_DRIVER, name: 'Demo Driver' });
  const driverId = driver.ok ? driver.value.id : await drivers.idByEmail(DEMO_DRIVER);
  for (const uid of DEMO_TOKENS) await tokens.create({ uid, type: 'ISO14443', driverId, label: 'demo card' });
  const fleet = new Fleet({
    url: `ws://127.0.0.1:${port}/ocpp`,
    stations: DEMO_STATIONS.map((s) => ({ id: s.id, version: s.version })),
    rampPerSec: 10,
    evses: 2,
    meterIntervalSec: 5,
    sessionsPerHour: 6,
    firstSessionSec: 20,
    sessionMinutes: 8,
    faultsPerHour: 1,
    rebootsPerHour: 0.2,
    tokens: DEMO_TOKENS,
    vendor: 'Straumur Demo',
    model: 'SimCharger 22',
  });
  await fleet.start();
  app.log.info({ stations: DEMO_STATIONS.map((s) => s.id), driver: DEMO_DRIVER, cards: DEMO_TOKENS }, 'demo stations are charging: see GET /api/v1/stations and /api/v1/events');
  return fleet;
}
