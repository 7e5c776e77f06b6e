/** What a simulated fleet does, and what it counts. */
export interface Behaviour {
  /** The CSMS's OCPP endpoint, without the station id (ws://host:8080/ocpp). */
  url: string;
  password?: string | undefined;
  evses: number;
  /** Seconds between meter values of a running session. */
  meterIntervalSec: number;
  /** RFID sessions each EVSE starts per hour on its own (0: only app sessions). */
  sessionsPerHour: number;
  /** The first session after a boot starts within this many seconds (a demo wants data at once). */
  firstSessionSec?: number | undefined;
  /** Mean session length. */
  sessionMinutes: number;
  /** Heartbeat interval; undefined: the one the CSMS gives at boot. */
  heartbeatSec?: number | undefined;
  faultsPerHour?: number | undefined;
  rebootsPerHour?: number | undefined;
  /** The cards drivers present. */
  tokens: string[];
  vendor: string;
  model: string;
  localAddress?: string | undefined;
}

export interface SimStats {
  connected: number;
  booted: number;
  refused: number;
  sent: number;
  answered: number;
  errors: number;
  latencyMsTotal: number;
  sessions: number;
  refusedTokens: number;
  commands: number;
  reboots: number;
  lastError: string | null;
}

export const emptyStats = (): SimStats => ({
  connected: 0,
  booted: 0,
  refused: 0,
  sent: 0,
  answered: 0,
  errors: 0,
  latencyMsTotal: 0,
  sessions: 0,
  refusedTokens: 0,
  commands: 0,
  reboots: 0,
  lastError: null,
});
