/**
 * npm run simulate -- --url ws://localhost:8080/ocpp --stations 100 --ocpp 2.0.1
 *
 * Simulated charging stations against any OCPP CSMS (Straumur or another). With --register
 * (and an admin's --email and --password), the stations and cards are first registered
 * through Straumur's REST API. Stops on Ctrl-C or after --duration seconds.
 */
import { parseArgs } from 'node:util';
import type { OcppVersion } from '../ocpp/dialect.ts';
import { Fleet } from './fleet.ts';

const HELP = `Usage: npm run simulate -- [options]

  --url URL               OCPP endpoint without the station id   (ws://127.0.0.1:8080/ocpp)
  --stations N            how many stations                      (10)
  --ocpp V                1.6, 2.0.1, 2.1 or mixed               (2.0.1)
  --prefix P              station ids are P1, P2, ...            (SIM-)
  --evses N               EVSEs (connectors) per station         (2)
  --meter-interval S      seconds between meter values           (10)
  --sessions-per-hour N   RFID sessions per EVSE and hour        (2)
  --session-minutes M     mean session length                    (30)
  --heartbeat S           heartbeat interval (default: the CSMS's)
  --faults-per-hour N     per station                            (0.2)
  --reboots-per-hour N    per station                            (0.05)
  --tokens A,B,C          RFID cards drivers present             (SIMCARD01..04)
  --password PW           Basic-auth password of every station (16 to 40 characters)
  --ramp N                new connections per second             (200)
  --duration S            stop after S seconds (0: run until Ctrl-C)
  --register              register stations and cards first through the REST API
  --api URL               the REST API for --register            (http://127.0.0.1:8080)
  --email E, --admin-password PW   an operator's login for --register
`;

const { values: a } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:8080/ocpp' },
    stations: { type: 'string', default: '10' },
    ocpp: { type: 'string', default: '2.0.1' },
    prefix: { type: 'string', default: 'SIM-' },
    evses: { type: 'string', default: '2' },
    'meter-interval': { type: 'string', default: '10' },
    'sessions-per-hour': { type: 'string', default: '2' },
    'session-minutes': { type: 'string', default: '30' },
    heartbeat: { type: 'string' },
    'faults-per-hour': { type: 'string', default: '0.2' },
    'reboots-per-hour': { type: 'string', default: '0.05' },
    tokens: { type: 'string', default: 'SIMCARD01,SIMCARD02,SIMCARD03,SIMCARD04' },
    password: { type: 'string' },
    ramp: { type: 'string', default: '200' },
    duration: { type: 'string', default: '0' },
    register: { type: 'boolean', default: false },
    api: { type: 'string', default: 'http://127.0.0.1:8080' },
    email: { type: 'string' },
    'admin-password': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

function number(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) {
    process.stderr.write(`--${name} must be a number of at least ${min} (got ${v})\n`);
    process.exit(2);
  }
  return n;
}

const VERSIONS: OcppVersion[] = ['1.6', '2.0.1', '2.1'];

async function register(ids: Array<{ id: string; version: OcppVersion }>, tokens: string[]): Promise<void> {
  if (!a.email || !a['admin-password']) throw new Error('--register needs --email and --admin-password');
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${a.api}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (res.status >= 400 && res.status !== 409) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const { token } = (await post('/api/v1/auth/login', { email: a.email, password: a['admin-password'] })) as { token: string };
  for (let i = 0; i < ids.length; i += 50) {
    await Promise.all(ids.slice(i, i + 50).map((s) => post('/api/v1/stations', { id: s.id, ocppVersion: s.version, ...(a.password ? { password: a.password } : {}) }, token)));
  }
  for (const uid of tokens) await post('/api/v1/tokens', { uid, type: 'ISO14443' }, token);
  process.stdout.write(`registered ${ids.length} stations and ${tokens.length} cards\n`);
}

async function main(): Promise<void> {
  if (a.help) return void process.stdout.write(HELP);
  const count = number('stations', a.stations, 1);
  const version = a.ocpp as OcppVersion | 'mixed';
  if (version !== 'mixed' && !VERSIONS.includes(version)) throw new Error(`--ocpp must be 1.6, 2.0.1, 2.1 or mixed (got ${a.ocpp})`);
  const ids = Array.from({ length: count }, (_, i) => ({ id: `${a.prefix}${i + 1}`, version: version === 'mixed' ? VERSIONS[i % 3]! : version }));
  const tokens = (a.tokens ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (a.register) await register(ids, tokens);
  const fleet = new Fleet({
    url: a.url!,
    stations: ids,
    rampPerSec: number('ramp', a.ramp, 1),
    evses: number('evses', a.evses, 1),
    meterIntervalSec: number('meter-interval', a['meter-interval'], 1),
    sessionsPerHour: number('sessions-per-hour', a['sessions-per-hour'], 0),
    sessionMinutes: number('session-minutes', a['session-minutes'], 0.1),
    heartbeatSec: a.heartbeat === undefined ? undefined : number('heartbeat', a.heartbeat, 1),
    faultsPerHour: number('faults-per-hour', a['faults-per-hour'], 0),
    rebootsPerHour: number('reboots-per-hour', a['reboots-per-hour'], 0),
    password: a.password,
    tokens,
    vendor: 'Straumur Sim',
    model: 'SimCharger 22',
  });
  const tty = process.stdout.isTTY;
  const previous = { sent: 0, at: Date.now() };
  let ticks = 0;
  const progress = setInterval(() => {
    const line = fleet.summary(previous);
    if (tty) process.stdout.write(`\r\x1b[K${line}`);
    else if (++ticks % 5 === 0) process.stdout.write(`${line}\n`);
  }, 1000);
  const stop = async () => {
    clearInterval(progress);
    await fleet.stop();
    process.stdout.write(`\n${fleet.summary(previous)}\n${fleet.stats.lastError ? `last error: ${fleet.stats.lastError}\n` : ''}`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`simulating ${count} stations (OCPP ${version}) against ${a.url}\n`);
  await fleet.start();
  const duration = number('duration', a.duration, 0);
  if (duration > 0) setTimeout(() => void stop(), duration * 1000);
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
