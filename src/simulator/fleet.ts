/**
 * A fleet of simulated stations: started at a bounded rate (a real fleet does not reconnect
 * in the same millisecond either), counted together, stopped together.
 */
import type { OcppVersion } from '../ocpp/dialect.ts';
import type { SimDialect } from './dialect.ts';
import { SimStation } from './station.ts';
import { type Behaviour, emptyStats, type SimStats } from './types.ts';
import { v16 } from './v16.ts';
import { v201, v21 } from './v2.ts';

export const dialects: Record<OcppVersion, SimDialect> = { '1.6': v16, '2.0.1': v201, '2.1': v21 };

export interface FleetOptions extends Behaviour {
  /** Station ids; each with its version. */
  stations: Array<{ id: string; version: OcppVersion }>;
  /** New connections per second while starting. */
  rampPerSec: number;
}

export class Fleet {
  readonly stats: SimStats = emptyStats();
  readonly stations: SimStation[];
  readonly #rampPerSec: number;
  #stopped = false;

  constructor(o: FleetOptions) {
    this.#rampPerSec = Math.max(1, o.rampPerSec);
    this.stations = o.stations.map((s) => new SimStation(s.id, dialects[s.version], o, this.stats));
  }

  /** Starts every station, `rampPerSec` at a time; resolves once all have tried to connect. */
  async start(): Promise<void> {
    const batch = Math.max(1, Math.ceil(this.#rampPerSec / 10));
    for (let i = 0; i < this.stations.length && !this.#stopped; i += batch) {
      const started = Date.now();
      await Promise.all(this.stations.slice(i, i + batch).map((s) => s.start().catch(() => {})));
      const wait = 100 - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.stations.map((s) => s.stop()));
  }

  /** Every station loses its connection at the same moment (a reconnect storm follows); every other one half-open. */
  dropAll(): void {
    this.stations.forEach((s, i) => s.drop(i % 2 === 1));
  }

  /** Sessions running now. */
  get charging(): number {
    let n = 0;
    for (const s of this.stations) for (const e of s.evses) if (e.session) n++;
    return n;
  }

  /** One line for a progress display. */
  summary(previous: { sent: number; at: number }): string {
    const s = this.stats;
    const now = Date.now();
    const rate = ((s.sent - previous.sent) * 1000) / Math.max(1, now - previous.at);
    previous.sent = s.sent;
    previous.at = now;
    const latency = s.answered ? (s.latencyMsTotal / s.answered).toFixed(1) : '-';
    return (
      `connected ${s.connected}/${this.stations.length}  booted ${s.booted}  charging ${this.charging}  sessions ${s.sessions}` +
      `  msgs/s ${rate.toFixed(0)}  avg ${latency} ms  commands ${s.commands}  reboots ${s.reboots}  errors ${s.errors}` +
      (s.refused ? `  refused ${s.refused}` : '')
    );
  }
}
