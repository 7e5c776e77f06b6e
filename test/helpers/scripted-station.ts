/**
 * A scripted charge point over an independent ocpp-rpc client (strict mode): the same
 * session story told in each version's own messages, so one test can loop over versions.
 */
import type { RPCClient } from 'ocpp-rpc';
import { bootPayload, connectStation, statusPayload, type Version } from './charge-point.ts';

export interface Meter {
  at: string;
  /** Energy register in Wh (sent as Wh, or as kWh when `kwh` is set). */
  wh: number;
  kwh?: boolean;
  powerW?: number;
  soc?: number;
}

type Reply = Record<string, any>;

export class ScriptedStation {
  readonly client: RPCClient;
  readonly version: Version;
  readonly id: string;
  /** 2.x: next seqNo per transaction. */
  #seq = new Map<string, number>();
  #txCounter = 0;

  constructor(client: RPCClient, version: Version, id: string) {
    this.client = client;
    this.version = version;
    this.id = id;
  }

  static async connect(endpoint: string, id: string, version: Version, password?: string): Promise<ScriptedStation> {
    return new ScriptedStation(await connectStation({ endpoint, identity: id, version, ...(password ? { password } : {}) }), version, id);
  }

  get v16() {
    return this.version === '1.6';
  }

  call(action: string, payload: unknown): Promise<Reply> {
    return this.client.call(action, payload) as Promise<Reply>;
  }

  boot() {
    return this.call('BootNotification', bootPayload(this.version));
  }

  status(evseId: number, status: string, at = new Date().toISOString()) {
    return this.call('StatusNotification', statusPayload(this.version, evseId, status, at));
  }

  /** The token's authorization status as the station reads it. */
  async authorize(uid: string, type = 'ISO14443'): Promise<string> {
    if (this.v16) return (await this.call('Authorize', { idTag: uid })).idTagInfo.status;
    return (await this.call('Authorize', { idToken: { idToken: uid, type } })).idTokenInfo.status;
  }

  #sampled(m: Meter, context?: string) {
    if (this.v16) {
      const values: Reply[] = [{ value: m.kwh ? String(m.wh / 1000) : String(m.wh), unit: m.kwh ? 'kWh' : 'Wh', measurand: 'Energy.Active.Import.Register', ...(context ? { context } : {}) }];
      if (m.powerW !== undefined) values.push({ value: String(m.powerW), unit: 'W', measurand: 'Power.Active.Import', ...(context ? { context } : {}) });
      if (m.soc !== undefined) values.push({ value: String(m.soc), unit: 'Percent', measurand: 'SoC', ...(context ? { context } : {}) });
      return { timestamp: m.at, sampledValue: values };
    }
    const values: Reply[] = [
      { value: m.kwh ? m.wh / 1000 : m.wh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: m.kwh ? 'kWh' : 'Wh' }, ...(context ? { context } : {}) },
    ];
    if (m.powerW !== undefined) values.push({ value: m.powerW, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' }, ...(context ? { context } : {}) });
    if (m.soc !== undefined) values.push({ value: m.soc, measurand: 'SoC', unitOfMeasure: { unit: 'Percent' }, ...(context ? { context } : {}) });
    return { timestamp: m.at, sampledValue: values };
  }

  #nextSeq(tx: string): number {
    const n = this.#seq.get(tx) ?? 0;
    this.#seq.set(tx, n + 1);
    return n;
  }

  /**
   * Starts a session with a card. Returns the OCPP transaction id (1.6: from the CSMS; 2.x:
   * chosen here) and the authorization status the CSMS gave.
   */
  async start(
    uid: string,
    o: { evseId?: number; meterWh: number; at: string; txId?: string; remoteStartId?: number; offline?: boolean; type?: string },
  ): Promise<{ txId: string; status: string; reply: Reply }> {
    const evseId = o.evseId ?? 1;
    if (this.v16) {
      const reply = await this.call('StartTransaction', { connectorId: evseId, idTag: uid, meterStart: o.meterWh, timestamp: o.at });
      return { txId: String(reply.transactionId), status: reply.idTagInfo.status, reply };
    }
    const txId = o.txId ?? `${this.id}-tx-${++this.#txCounter}-${Date.now()}`;
    const reply = await this.call('TransactionEvent', {
      eventType: 'Started',
      timestamp: o.at,
      triggerReason: o.remoteStartId !== undefined ? 'RemoteStart' : 'Authorized',
      seqNo: this.#nextSeq(txId),
      ...(o.offline ? { offline: true } : {}),
      transactionInfo: { transactionId: txId, chargingState: 'Charging', ...(o.remoteStartId !== undefined ? { remoteStartId: o.remoteStartId } : {}) },
      evse: { id: evseId, connectorId: 1 },
      idToken: { idToken: uid, type: o.type ?? 'ISO14443' },
      meterValue: [this.#sampled({ at: o.at, wh: o.meterWh }, 'Transaction.Begin')],
    });
    return { txId, status: reply.idTokenInfo?.status, reply };
  }

  /** Periodic meter values of a running session (2.x: a TransactionEvent Updated). */
  async meter(txId: string, m: Meter, o: { evseId?: number; offline?: boolean; seqNo?: number } = {}): Promise<Reply> {
    const evseId = o.evseId ?? 1;
    if (o.seqNo !== undefined) this.#seq.set(txId, Math.max(this.#seq.get(txId) ?? 0, o.seqNo + 1));
    if (this.v16) {
      return this.call('MeterValues', { connectorId: evseId, transactionId: Number(txId), meterValue: [this.#sampled(m, 'Sample.Periodic')] });
    }
    return this.call('TransactionEvent', {
      eventType: 'Updated',
      timestamp: m.at,
      triggerReason: 'MeterValuePeriodic',
      seqNo: o.seqNo ?? this.#nextSeq(txId),
      ...(o.offline ? { offline: true } : {}),
      transactionInfo: { transactionId: txId },
      meterValue: [this.#sampled(m, 'Sample.Periodic')],
    });
  }

  /** Ends a session with its final register. */
  async stop(txId: string, m: Meter, o: { uid?: string; reason?: string; offline?: boolean; evseId?: number } = {}): Promise<Reply> {
    if (this.v16) {
      return this.call('StopTransaction', {
        transactionId: Number(txId),
        meterStop: m.wh,
        timestamp: m.at,
        ...(o.uid ? { idTag: o.uid } : {}),
        ...(o.reason ? { reason: o.reason } : {}),
        transactionData: [this.#sampled(m, 'Transaction.End')],
      });
    }
    return this.call('TransactionEvent', {
      eventType: 'Ended',
      timestamp: m.at,
      triggerReason: o.reason === 'Remote' ? 'RemoteStop' : 'EVDeparted',
      seqNo: this.#nextSeq(txId),
      ...(o.offline ? { offline: true } : {}),
      transactionInfo: { transactionId: txId, chargingState: 'Idle', stoppedReason: o.reason ?? 'EVDisconnected' },
      ...(o.evseId ? { evse: { id: o.evseId, connectorId: 1 } } : {}),
      meterValue: [this.#sampled(m, 'Transaction.End')],
    });
  }

  /** `force` drops the socket at once (a station with a handler that never answers would otherwise be waited for). */
  close(force = false) {
    return this.client.close(force ? { force: true } : {});
  }
}

/** An ISO timestamp `minutes` after a fixed base, for sessions told in the station's own time. */
export const t = (minutes: number, base = Date.parse('2026-05-04T10:00:00Z')) => new Date(base + minutes * 60_000).toISOString();
