/**
 * A charge point that keeps its transaction messages in a queue until the CSMS answers them,
 * as OCPP requires (1.6 §4.7 and 2.0.1 E04/E12: transaction-related messages are delivered
 * once the connection is back, in order, never dropped). It runs a fixed plan of sessions, one
 * message at a time; a message leaves the queue only on a CALLRESULT. A lost connection or a
 * CALLERROR leaves it at the head, and it is sent again, identical, after a reconnect (which
 * is not a reboot: no second BootNotification) or a pause.
 *
 * It remembers what the CSMS confirmed, so a test can hold the database to it: every session,
 * every sample and every cost.
 */
import { CallError, OcppClient } from '../../../src/simulator/ocpp-client.ts';
import type { Payload } from '../../../src/ocpp/rpc.ts';

export type Version = '1.6' | '2.0.1' | '2.1';

export interface PlannedSession {
  /** 2.x: the station's own id; 1.6: the CSMS's, known once StartTransaction is answered. */
  transactionId: string | null;
  startWh: number;
  stopWh: number;
  /** Meter samples the station sent for it (each one row in meter_samples). */
  samples: number;
  ended: boolean;
}

interface Message {
  action: string;
  build: () => Payload;
  answered?: (reply: Payload) => void;
  /** A CALLRESULT that asks to try again later (BootNotification Pending): seconds to wait. */
  retryAfter?: (reply: Payload) => number | null;
}

export interface QueuedStationOptions {
  url: string;
  id: string;
  version: Version;
  token: string;
  sessions: number;
  /** Periodic samples between start and stop. */
  samplesPerSession: number;
  whPerSample: number;
  /** Station clock: the first message's timestamp; each message is 10 s later. */
  clockStart: number;
  /** Wait after a CALLERROR before sending the same message again (ms). */
  retryMs?: number;
}

export interface StationCounters {
  sent: number;
  answered: number;
  /** Messages sent again after a lost connection. */
  resent: number;
  /** CALLERRORs received (message kept and retried), by code. */
  callErrors: Record<string, number>;
  connects: number;
  refusedConnects: number;
  /** BootNotification answered Pending (sent again). */
  pending: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class QueuedStation {
  readonly o: QueuedStationOptions;
  readonly sessions: PlannedSession[] = [];
  readonly counters: StationCounters = { sent: 0, answered: 0, resent: 0, callErrors: {}, connects: 0, refusedConnects: 0, pending: 0 };
  #client: OcppClient | undefined;
  #open: Promise<OcppClient> | undefined;
  #stopped = false;
  #inFlight = false;
  #clock: number;
  #plan: Message[] = [];
  /** Closes of the socket seen by the station (the server went away). */
  closes: number[] = [];

  constructor(o: QueuedStationOptions) {
    this.o = o;
    this.#clock = o.clockStart;
    this.#plan = [this.#boot(), this.#status(), ...Array.from({ length: o.sessions }, (_, i) => this.#session(i)).flat()];
  }

  get v16(): boolean {
    return this.o.version === '1.6';
  }

  /** Whether a CALL of this station is waiting for its answer right now. */
  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** Messages not yet answered. */
  get queued(): number {
    return this.#plan.length;
  }

  get connected(): boolean {
    return this.#client?.open ?? false;
  }

  /** Sends the whole plan; resolves when the CSMS has answered every message. */
  async run(): Promise<void> {
    while (this.#plan.length > 0 && !this.#stopped) {
      const msg = this.#plan[0]!;
      const client = await this.#connection().catch(() => null);
      if (!client || this.#stopped) return;
      const payload = msg.build();
      this.counters.sent++;
      this.#inFlight = true;
      try {
        const reply = await client.call(msg.action, payload);
        this.#inFlight = false;
        this.counters.answered++;
        const later = msg.retryAfter?.(reply);
        if (later != null) {
          this.counters.pending++;
          await sleep(Math.min(later * 1000, this.o.retryMs ?? 500));
          continue;
        }
        msg.answered?.(reply);
        this.#plan.shift();
      } catch (err) {
        this.#inFlight = false;
        if (err instanceof CallError) {
          this.counters.callErrors[err.code] = (this.counters.callErrors[err.code] ?? 0) + 1;
          await sleep(this.o.retryMs ?? 500);
        } else {
          this.counters.resent++;
        }
      }
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#client?.close();
  }

  #tick(): string {
    this.#clock += 10_000;
    return new Date(this.#clock).toISOString();
  }

  /** The open connection, reconnecting (with a short backoff) while the CSMS is away. */
  #connection(): Promise<OcppClient> {
    if (this.#client?.open) return Promise.resolve(this.#client);
    this.#open ??= (async () => {
      for (let attempt = 0; !this.#stopped; attempt++) {
        const client = new OcppClient({ url: this.o.url, stationId: this.o.id, subprotocol: `ocpp${this.o.version}`, callTimeoutMs: 60_000 });
        client.handle((action) => {
          if (action === 'CostUpdated') return {};
          throw new CallError('NotImplemented', `${action} is not implemented by this station`);
        });
        client.onClose = (code) => this.closes.push(code);
        try {
          await client.connect();
          this.counters.connects++;
          this.#client = client;
          return client;
        } catch {
          this.counters.refusedConnects++;
          client.terminate();
          await sleep(Math.min(2000, 150 + attempt * 100) * (0.5 + Math.random()));
        }
      }
      throw new Error('stopped');
    })().finally(() => {
      this.#open = undefined;
    });
    return this.#open;
  }

  #boot(): Message {
    // Pending or Rejected: boot again after the interval (shortened here, the test has no time to wait 30 s).
    const retryAfter = (r: Payload) => ((r as { status: string }).status === 'Accepted' ? null : Number((r as { interval: number }).interval));
    return this.v16
      ? { action: 'BootNotification', build: () => ({ chargePointVendor: 'Chaos', chargePointModel: 'Queued' }), retryAfter }
      : { action: 'BootNotification', build: () => ({ chargingStation: { vendorName: 'Chaos', model: 'Queued' }, reason: 'PowerUp' }), retryAfter };
  }

  #status(): Message {
    const at = this.#tick();
    return this.v16
      ? { action: 'StatusNotification', build: () => ({ connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: at }) }
      : { action: 'StatusNotification', build: () => ({ timestamp: at, connectorStatus: 'Available', evseId: 1, connectorId: 1 }) };
  }

  /** One session's messages, their payloads fixed now (a resend is the same message). */
  #session(i: number): Message[] {
    const startWh = 1_000_000 + i * 100_000;
    const n = this.o.samplesPerSession;
    const s: PlannedSession = { transactionId: null, startWh, stopWh: startWh + this.o.whPerSample * (n + 1), samples: 0, ended: false };
    this.sessions.push(s);
    const times = Array.from({ length: n + 2 }, () => this.#tick());
    const register = (k: number) => startWh + this.o.whPerSample * k;
    return this.v16 ? this.#session16(s, times, register) : this.#session2(s, i, times, register);
  }

  #session16(s: PlannedSession, times: string[], register: (k: number) => number): Message[] {
    const n = times.length - 2;
    const { token } = this.o;
    const out: Message[] = [
      {
        action: 'StartTransaction',
        build: () => ({ connectorId: 1, idTag: token, meterStart: s.startWh, timestamp: times[0]! }),
        answered: (r) => (s.transactionId = String((r as { transactionId: number }).transactionId)),
      },
    ];
    for (let k = 1; k <= n; k++) {
      out.push({
        action: 'MeterValues',
        build: () => ({
          connectorId: 1,
          transactionId: Number(s.transactionId),
          meterValue: [{ timestamp: times[k]!, sampledValue: [{ value: String(register(k)), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
        }),
        answered: () => s.samples++,
      });
    }
    out.push({
      action: 'StopTransaction',
      build: () => ({ transactionId: Number(s.transactionId), meterStop: s.stopWh, timestamp: times[n + 1]!, reason: 'EVDisconnected' }),
      answered: () => (s.ended = true),
    });
    return out;
  }

  #session2(s: PlannedSession, i: number, times: string[], register: (k: number) => number): Message[] {
    const n = times.length - 2;
    const transactionId = `${this.o.id}-T${i}`;
    s.transactionId = transactionId;
    const sample = (k: number, context: string) => [
      { timestamp: times[k]!, sampledValue: [{ value: register(k), measurand: 'Energy.Active.Import.Register', context, unitOfMeasure: { unit: 'Wh' } }] },
    ];
    const event = (k: number, eventType: string, triggerReason: string, context: string, extra: Payload = {}): Message => ({
      action: 'TransactionEvent',
      build: () => ({
        eventType,
        timestamp: times[k]!,
        triggerReason,
        seqNo: k,
        transactionInfo: { transactionId, ...(eventType === 'Ended' ? { stoppedReason: 'EVDisconnected' } : { chargingState: 'Charging' }) },
        meterValue: sample(k, context),
        ...extra,
      }),
      answered: () => {
        s.samples++;
        if (eventType === 'Ended') s.ended = true;
      },
    });
    const out = [
      event(0, 'Started', 'Authorized', 'Transaction.Begin', { evse: { id: 1, connectorId: 1 }, idToken: { idToken: this.o.token, type: 'ISO14443' } }),
    ];
    for (let k = 1; k <= n; k++) out.push(event(k, 'Updated', 'MeterValuePeriodic', 'Sample.Periodic'));
    out.push(event(n + 1, 'Ended', 'EVCommunicationLost', 'Transaction.End'));
    return out;
  }
}
