/**
 * One simulated charging station, in version-neutral terms: it boots, reports its connectors,
 * sends heartbeats, runs RFID sessions on its own and app sessions when the CSMS asks, meters
 * every few seconds, faults and reboots now and then, and honours availability and reset.
 * What goes over the wire is the dialect's business (v16.ts, v2.ts).
 */
import type { Payload } from '../ocpp/rpc.ts';
import { changeSetting } from './commands.ts';
import { CallError, OcppClient } from './ocpp-client.ts';
import type { Behaviour, SimStats } from './types.ts';
import { type SimDialect } from './dialect.ts';

export type EvseStatus = 'Available' | 'Preparing' | 'Charging' | 'Finishing' | 'Unavailable' | 'Faulted';

export interface SimSession {
  transactionId: string;
  uid: string;
  startedAt: Date;
  meterStartWh: number;
  seqNo: number;
  remoteStartId?: number | undefined;
  powerW: number;
  soc: number;
}

export interface Evse {
  id: number;
  status: EvseStatus;
  operative: boolean;
  /** Inoperative requested while charging: applied when the session ends (ChangeAvailability Scheduled). */
  inoperativeAfterSession: boolean;
  registerWh: number;
  session: SimSession | null;
  timer: NodeJS.Timeout | undefined;
}

const rand = (min: number, max: number) => min + Math.random() * (max - min);

export class SimStation {
  readonly id: string;
  readonly dialect: SimDialect;
  readonly evses: Evse[];
  readonly config = new Map<string, string>();
  localListVersion = 0;
  firmware = '1.0.0';
  readonly #b: Behaviour;
  readonly #stats: SimStats;
  #client: OcppClient | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #chaos: NodeJS.Timeout | undefined;
  #stopped = false;
  #txCounter = 0;

  constructor(id: string, dialect: SimDialect, behaviour: Behaviour, stats: SimStats) {
    this.id = id;
    this.dialect = dialect;
    this.#b = behaviour;
    this.#stats = stats;
    this.evses = Array.from({ length: behaviour.evses }, (_, i) => ({
      id: i + 1,
      status: 'Available' as EvseStatus,
      operative: true,
      inoperativeAfterSession: false,
      registerWh: Math.floor(rand(0, 5_000_000)),
      session: null,
      timer: undefined,
    }));
    this.config.set('HeartbeatInterval', String(behaviour.heartbeatSec ?? 300));
    this.config.set('MeterValueSampleInterval', String(behaviour.meterIntervalSec));
    this.config.set('ConnectionTimeOut', '60');
    this.config.set('AuthorizeRemoteTxRequests', 'false');
    this.config.set('LocalAuthListEnabled', 'true');
    this.config.set('NumberOfConnectors', String(behaviour.evses));
  }

  get vendor(): string {
    return this.#b.vendor;
  }

  get model(): string {
    return this.#b.model;
  }

  get connected(): boolean {
    return this.#client?.open ?? false;
  }

  /** Connects and boots; on a lost connection it reconnects (unless stopped). */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#connect('PowerUp');
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimers();
    this.#client?.close();
  }

  /** Sends a CALL; failures are counted, not thrown (a station keeps going). */
  async send(action: string, payload: Payload): Promise<Payload | null> {
    if (!this.#client?.open) return null;
    const started = performance.now();
    this.#stats.sent++;
    try {
      const reply = await this.#client.call(action, payload);
      this.#stats.answered++;
      this.#stats.latencyMsTotal += performance.now() - started;
      return reply;
    } catch (err) {
      this.#stats.errors++;
      this.#stats.lastError = `${this.id} ${action}: ${(err as Error).message}`;
      return null;
    }
  }

  evse(id: number | undefined): Evse | undefined {
    return this.evses.find((e) => e.id === (id ?? 1));
  }

  async #connect(reason: string): Promise<void> {
    const client = new OcppClient({
      url: this.#b.url,
      stationId: this.id,
      subprotocol: this.dialect.subprotocol,
      password: this.#b.password,
      localAddress: this.#b.localAddress,
    });
    this.#client = client;
    client.handle((action, payload) => this.#onCommand(action, payload));
    client.onClose = () => {
      this.#stats.connected--;
      this.#clearTimers();
      if (!this.#stopped) setTimeout(() => void this.#connect('PowerUp').catch(() => {}), rand(1000, 5000)).unref();
    };
    try {
      await client.connect();
    } catch (err) {
      this.#stats.refused++;
      this.#stats.lastError = `${this.id}: ${(err as Error).message}`;
      if (!this.#stopped) setTimeout(() => void this.#connect(reason).catch(() => {}), rand(5000, 15_000)).unref();
      return;
    }
    this.#stats.connected++;
    await this.#boot(reason);
  }

  async #boot(reason: string): Promise<void> {
    for (;;) {
      const reply = await this.send(this.dialect.bootAction, this.dialect.boot(this, reason));
      if (!reply) return;
      const { accepted, interval } = this.dialect.bootResult(reply);
      if (accepted) {
        this.#stats.booted++;
        if (interval > 0 && this.#b.heartbeatSec === undefined) this.config.set('HeartbeatInterval', String(interval));
        break;
      }
      await new Promise((r) => setTimeout(r, Math.max(1, interval || 10) * 1000));
      if (!this.#client?.open) return;
    }
    for (const e of this.evses) {
      if (e.session) await this.#stopSession(e, 'PowerLoss');
      e.status = e.operative ? 'Available' : 'Unavailable';
      await this.sendStatus(e);
    }
    this.#armHeartbeat();
    for (const e of this.evses) this.#scheduleIdle(e, true);
    this.#armChaos();
  }

  sendStatus(e: Evse, at = new Date()): Promise<Payload | null> {
    return this.send('StatusNotification', this.dialect.status(e, at));
  }

  #armHeartbeat(): void {
    clearInterval(this.#heartbeat);
    const sec = Number(this.config.get('HeartbeatInterval')) || 300;
    this.#heartbeat = setInterval(() => void this.send('Heartbeat', {}), sec * 1000);
    this.#heartbeat.unref();
  }

  /** Faults and reboots, at the rates asked for (per station and hour). */
  #armChaos(): void {
    clearInterval(this.#chaos);
    if (!this.#b.faultsPerHour && !this.#b.rebootsPerHour) return;
    this.#chaos = setInterval(() => {
      if (Math.random() < (this.#b.rebootsPerHour ?? 0) / 60) return void this.reboot(rand(2000, 8000));
      if (Math.random() < (this.#b.faultsPerHour ?? 0) / 60) {
        const e = this.evses[Math.floor(Math.random() * this.evses.length)]!;
        if (e.session || e.status !== 'Available') return;
        e.status = 'Faulted';
        void this.sendStatus(e);
        setTimeout(() => {
          if (e.status !== 'Faulted') return;
          e.status = e.operative ? 'Available' : 'Unavailable';
          void this.sendStatus(e);
        }, rand(10_000, 60_000)).unref();
      }
    }, 60_000);
    this.#chaos.unref();
  }

  #clearTimers(): void {
    clearInterval(this.#heartbeat);
    clearInterval(this.#chaos);
    for (const e of this.evses) {
      clearTimeout(e.timer);
      e.timer = undefined;
    }
  }

  /** Waits a while, then a driver arrives with a card (if the EVSE can charge). */
  #scheduleIdle(e: Evse, first = false): void {
    clearTimeout(e.timer);
    if (this.#b.sessionsPerHour <= 0) return;
    const meanMs = 3_600_000 / this.#b.sessionsPerHour;
    const firstMs = first && this.#b.firstSessionSec !== undefined ? rand(1000, this.#b.firstSessionSec * 1000) : undefined;
    e.timer = setTimeout(() => void this.#rfidSession(e), firstMs ?? rand(0.2, 1.8) * meanMs);
    e.timer.unref();
  }

  async #rfidSession(e: Evse): Promise<void> {
    if (e.session || e.status !== 'Available' || !e.operative || !this.connected) return this.#scheduleIdle(e);
    const uid = this.#b.tokens[Math.floor(Math.random() * this.#b.tokens.length)] ?? 'DEADBEEF';
    const auth = await this.send('Authorize', this.dialect.authorize(uid));
    if (!auth || !this.dialect.accepted(auth)) {
      this.#stats.refusedTokens++;
      return this.#scheduleIdle(e);
    }
    await this.startSession(e, uid);
  }

  /** A session on an EVSE (by card, or asked by the CSMS with a remote start id). */
  async startSession(e: Evse, uid: string, remoteStartId?: number): Promise<void> {
    clearTimeout(e.timer);
    e.status = 'Preparing';
    await this.sendStatus(e);
    const session: SimSession = {
      transactionId: `${this.id}-${Date.now().toString(36)}-${++this.#txCounter}`,
      uid,
      startedAt: new Date(),
      meterStartWh: e.registerWh,
      seqNo: 0,
      remoteStartId,
      powerW: Math.round(rand(3, 22)) * 1000,
      soc: Math.round(rand(10, 60)),
    };
    e.session = session;
    const reply = await this.send(this.dialect.startAction, this.dialect.start(this, e, session));
    if (!reply) {
      e.session = null;
      e.status = 'Available';
      await this.sendStatus(e);
      return this.#scheduleIdle(e);
    }
    const { transactionId, accepted } = this.dialect.startResult(reply, session);
    session.transactionId = transactionId;
    this.#stats.sessions++;
    if (!accepted) return void (await this.#stopSession(e, 'DeAuthorized'));
    e.status = 'Charging';
    await this.sendStatus(e);
    const durationMs = rand(0.5, 1.5) * this.#b.sessionMinutes * 60_000;
    const until = Date.now() + durationMs;
    const tick = async () => {
      if (e.session !== session) return;
      if (Date.now() >= until) return void (await this.#stopSession(e, 'EVDisconnected'));
      e.registerWh += Math.round((session.powerW * this.#meterIntervalSec) / 3600);
      session.soc = Math.min(100, session.soc + 1);
      await this.send(this.dialect.meterAction, this.dialect.meter(this, e, session));
      if (e.session === session) {
        e.timer = setTimeout(() => void tick(), this.#meterIntervalSec * 1000);
        e.timer.unref();
      }
    };
    e.timer = setTimeout(() => void tick(), this.#meterIntervalSec * 1000);
    e.timer.unref();
  }

  async #stopSession(e: Evse, reason: string): Promise<void> {
    const session = e.session;
    if (!session) return;
    clearTimeout(e.timer);
    e.session = null;
    await this.send(this.dialect.stopAction, this.dialect.stop(this, e, session, reason));
    e.status = 'Finishing';
    await this.sendStatus(e);
    if (e.inoperativeAfterSession) {
      e.inoperativeAfterSession = false;
      e.operative = false;
    }
    e.status = e.operative ? 'Available' : 'Unavailable';
    await this.sendStatus(e);
    this.#scheduleIdle(e);
  }

  /** A remote stop: the session with this transaction id ends (false when there is none). */
  remoteStop(transactionId: string): boolean {
    const e = this.evses.find((x) => x.session?.transactionId === transactionId);
    if (!e) return false;
    setTimeout(() => void this.#stopSession(e, 'Remote'), 50).unref();
    return true;
  }

  /** A remote start: on the EVSE asked for, or the first free one (false when none can charge). */
  remoteStart(uid: string, evseId: number | undefined, remoteStartId?: number): boolean {
    const e = evseId ? this.evse(evseId) : this.evses.find((x) => !x.session && x.status === 'Available' && x.operative);
    if (!e || e.session || !e.operative || e.status !== 'Available') return false;
    setTimeout(() => void this.startSession(e, uid, remoteStartId), 50).unref();
    return true;
  }

  /** Availability of one EVSE, or of the station (0 / undefined): Accepted, or Scheduled while charging. */
  changeAvailability(evseId: number | undefined, operative: boolean): 'Accepted' | 'Scheduled' | 'Rejected' {
    const targets = evseId ? this.evses.filter((e) => e.id === evseId) : this.evses;
    if (targets.length === 0) return 'Rejected';
    let scheduled = false;
    for (const e of targets) {
      if (!operative && e.session) {
        e.inoperativeAfterSession = true;
        scheduled = true;
        continue;
      }
      e.inoperativeAfterSession = false;
      e.operative = operative;
      if (e.status === 'Available' || e.status === 'Unavailable') {
        e.status = operative ? 'Available' : 'Unavailable';
        setTimeout(() => void this.sendStatus(e), 20).unref();
      }
    }
    return scheduled ? 'Scheduled' : 'Accepted';
  }

  /** Unlock: a session on the connector ends (the cable is out), then it is unlocked. */
  unlock(evseId: number): boolean {
    const e = this.evse(evseId);
    if (!e) return false;
    if (e.session) void this.#stopSession(e, 'UnlockCommand');
    return true;
  }

  /** Reset: sessions end, the socket closes, the station boots again. */
  reset(kind: 'Hard' | 'Soft'): void {
    setTimeout(async () => {
      for (const e of this.evses) if (e.session) await this.#stopSession(e, kind === 'Hard' ? 'HardReset' : 'SoftReset');
      await this.reboot(kind === 'Hard' ? 3000 : 1000);
    }, 50).unref();
  }

  /**
   * The connection is lost, as when a network or a load balancer fails; the station reconnects
   * with its backoff. `halfOpen`: the CSMS is not told (no FIN, as when a NAT forgets the
   * flow), so the new connection finds the old one still open there.
   */
  drop(halfOpen = false): void {
    const client = this.#client;
    if (!client) return;
    if (!halfOpen) return client.terminate();
    const onClose = client.onClose;
    client.onClose = () => {};
    onClose(1006);
  }

  /** Drops the connection and comes back after `downMs`, booting again. */
  async reboot(downMs: number): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.#stats.reboots++;
    this.#clearTimers();
    client.onClose = () => {
      this.#stats.connected--;
      if (!this.#stopped) setTimeout(() => void this.#connect('RemoteReset').catch(() => {}), downMs).unref();
    };
    client.close(1000);
  }

  get #meterIntervalSec(): number {
    return Number(this.config.get('MeterValueSampleInterval')) || this.#b.meterIntervalSec;
  }

  setConfiguration(key: string, value: string): 'Accepted' | 'Rejected' | 'NotSupported' {
    return changeSetting(this, key, value);
  }

  heartbeatChanged(): void {
    if (this.connected) this.#armHeartbeat();
  }

  async #onCommand(action: string, payload: Payload): Promise<Payload> {
    this.#stats.commands++;
    const handler = this.dialect.commands[action];
    if (!handler) throw new CallError('NotImplemented', `${action} is not implemented by this simulator`);
    return handler(this, payload);
  }
}
