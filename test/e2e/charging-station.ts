/**
 * A simulated station for the portal's e2e tests: an independent ocpp-rpc client (strict mode)
 * that starts a transaction when the CSMS asks (1.6 RemoteStartTransaction, 2.x
 * RequestStartTransaction), then reports meter values every `everyMs` (the energy register
 * rising at `powerW`) until asked to stop (RemoteStopTransaction / RequestStopTransaction).
 */
import { onCall, type Version } from '../helpers/charge-point.ts';
import { ScriptedStation } from '../helpers/scripted-station.ts';

export interface ChargingStation {
  st: ScriptedStation;
  /** The transactions it ran, in order. */
  started: string[];
  stopped: string[];
  close(): Promise<void>;
}

export async function chargingStation(ocppUrl: string, id: string, version: Version, o: { powerW?: number; everyMs?: number } = {}): Promise<ChargingStation> {
  const powerW = o.powerW ?? 11_000;
  const everyMs = o.everyMs ?? 1000;
  const st = await ScriptedStation.connect(ocppUrl, id, version);
  await st.boot();
  await st.status(1, 'Available');
  const started: string[] = [];
  const stopped: string[] = [];
  const meters = new Map<string, { timer: NodeJS.Timeout; wh: number; evseId: number }>();
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch(() => undefined).finally(() => inFlight.delete(q));
    inFlight.add(q);
  };
  const now = () => new Date().toISOString();

  // The station's own calls run a moment after it answers the CSMS, as a real station's do.
  const later = (fn: () => Promise<void>) => setTimeout(() => track(fn()), 10);

  const begin = (uid: string, evseId: number, type: string, remoteStartId?: number) =>
    later(async () => {
      await st.status(evseId, version === '1.6' ? 'Charging' : 'Occupied');
      const { txId } = await st.start(uid, { evseId, meterWh: 0, at: now(), type, ...(remoteStartId !== undefined ? { remoteStartId } : {}) });
      started.push(txId);
      const meter = { wh: 0, evseId, timer: setInterval(() => tick(txId), everyMs) };
      meters.set(txId, meter);
    });
  const tick = (txId: string) => {
    const m = meters.get(txId);
    if (!m) return;
    m.wh += Math.round((powerW * everyMs) / 3_600_000);
    track(st.meter(txId, { at: now(), wh: m.wh, powerW }, { evseId: m.evseId }));
  };
  const end = (txId: string) =>
    later(async () => {
      const m = meters.get(txId);
      if (m) clearInterval(m.timer);
      meters.delete(txId);
      await st.stop(txId, { at: now(), wh: m?.wh ?? 0 }, { reason: 'Remote' });
      stopped.push(txId);
      await st.status(m?.evseId ?? 1, 'Available');
    });

  if (version === '1.6') {
    onCall<{ idTag: string; connectorId?: number }>(st.client, 'RemoteStartTransaction', (p) => {
      begin(p.idTag, p.connectorId ?? 1, 'ISO14443');
      return { status: 'Accepted' };
    });
    onCall<{ transactionId: number }>(st.client, 'RemoteStopTransaction', (p) => {
      end(String(p.transactionId));
      return { status: 'Accepted' };
    });
  } else {
    onCall<{ idToken: { idToken: string; type: string }; remoteStartId: number; evseId?: number }>(st.client, 'RequestStartTransaction', (p) => {
      begin(p.idToken.idToken, p.evseId ?? 1, p.idToken.type, p.remoteStartId);
      return { status: 'Accepted' };
    });
    onCall<{ transactionId: string }>(st.client, 'RequestStopTransaction', (p) => {
      end(p.transactionId);
      return { status: 'Accepted' };
    });
    onCall(st.client, 'CostUpdated', () => ({}));
  }

  return {
    st,
    started,
    stopped,
    async close() {
      for (const m of meters.values()) clearInterval(m.timer);
      await Promise.all(inFlight);
      await st.close();
    },
  };
}
