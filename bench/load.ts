/**
 * The benchmark's load generator: a child process (its own open-files limit, its own core
 * when there is one) holding many station sockets, driven by the orchestrator over IPC.
 * Frames are built as plain strings and replies matched by message id with a cheap scan, so
 * the generator spends as little as possible of the CPU it shares with the server.
 */
import WebSocket from 'ws';

type Version = '1.6' | '2.0.1';

interface Station {
  id: string;
  ws: WebSocket | null;
  /** The message id of the CALL in flight, and when it was sent (ns). */
  inFlight: string | null;
  sentAt: bigint;
  n: number;
  txId: string;
  seq: number;
  waiter: ((reply: string) => void) | null;
}

const stations: Station[] = [];
const hrMs = (ns: bigint) => Number(ns) / 1e6;

function idOf(text: string): string {
  // [3,"<id>",...] or [2,"<id>",...] or [4,"<id>",...]
  const start = text.indexOf('"') + 1;
  return text.slice(start, text.indexOf('"', start));
}

function send(s: Station, action: string, payload: string): void {
  const id = `${++s.n}`;
  s.inFlight = id;
  s.sentAt = process.hrtime.bigint();
  s.ws!.send(`[2,"${id}","${action}",${payload}]`);
}

/** Sends a CALL and resolves with the raw reply text. */
function call(s: Station, action: string, payload: string): Promise<string> {
  return new Promise((resolve) => {
    s.waiter = resolve;
    send(s, action, payload);
  });
}

function onMessage(s: Station, data: WebSocket.RawData): void {
  const text = data.toString();
  if (text.charCodeAt(1) === 50 /* '2': a CALL from the CSMS */) {
    s.ws!.send(`[3,"${idOf(text)}",{"status":"Accepted"}]`);
    return;
  }
  if (s.inFlight === null || idOf(text) !== s.inFlight) return;
  s.inFlight = null;
  const w = s.waiter;
  s.waiter = null;
  w?.(text);
}

/**
 * Connects the stations, `concurrency` handshakes at a time. A station refused (any HTTP status)
 * or cut before opening tries again up to `retries` times, 1 to 3 s later, as real stations do;
 * `refusedBy` counts every refusal, `failed` the stations that never got in.
 */
async function connect(o: { url: string; ids: string[]; version: Version; password?: string; localAddresses?: string[]; concurrency: number; retries?: number }) {
  const started = process.hrtime.bigint();
  let failed = 0;
  /** Refusals by HTTP status, and sockets that closed before opening. */
  const refusedBy: Record<string, number> = {};
  const note = (why: string) => (refusedBy[why] = (refusedBy[why] ?? 0) + 1);
  let next = 0;
  const protocol = o.version === '1.6' ? 'ocpp1.6' : 'ocpp2.0.1';
  const one = (id: string, i: number) =>
    new Promise<boolean>((resolve) => {
      const headers = o.password ? { authorization: `Basic ${Buffer.from(`${id}:${o.password}`).toString('base64')}` } : undefined;
      const localAddress = o.localAddresses?.length ? o.localAddresses[i % o.localAddresses.length] : undefined;
      const ws = new WebSocket(`${o.url}/${id}`, [protocol], { perMessageDeflate: false, headers, ...(localAddress ? { localAddress } : {}) });
      const s: Station = { id, ws, inFlight: null, sentAt: 0n, n: 0, txId: '', seq: 0, waiter: null };
      ws.on('message', (d) => onMessage(s, d));
      ws.on('error', () => {});
      let opened = false;
      ws.once('open', () => {
        opened = true;
        stations.push(s);
        resolve(true);
      });
      ws.once('close', () => {
        if (!opened) note('closed before opening');
        s.ws = null;
        resolve(false);
      });
      // A refused upgrade: with this listener, ws leaves the request to us, so drain the answer,
      // destroy the socket and swallow its late errors (a reset after the answer).
      ws.once('unexpected-response', (q, res) => {
        note(String(res.statusCode));
        res.socket?.on('error', () => {});
        res.resume();
        q.destroy();
        resolve(false);
      });
    }).catch(() => false);
  const worker = async () => {
    while (next < o.ids.length) {
      const i = next++;
      let tries = 0;
      while (!(await one(o.ids[i]!, i))) {
        if (tries++ >= (o.retries ?? 0)) {
          failed++;
          break;
        }
        await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, o.ids.length) }, worker));
  return { connected: stations.filter((s) => s.ws).length, failed, refusedBy, ms: hrMs(process.hrtime.bigint() - started) };
}

function bootPayload(version: Version, id: string): string {
  return version === '1.6'
    ? `{"chargePointVendor":"Bench","chargePointModel":"Load","chargePointSerialNumber":"${id.slice(-25)}"}`
    : `{"reason":"PowerUp","chargingStation":{"vendorName":"Bench","model":"Load","serialNumber":"${id.slice(-25)}"}}`;
}

/** Every station boots (in parallel, as after a power cut); resolves when all are accepted. */
async function boot(version: Version) {
  const started = process.hrtime.bigint();
  const replies = await Promise.all(stations.filter((s) => s.ws).map((s) => call(s, 'BootNotification', bootPayload(version, s.id))));
  return { accepted: replies.filter((r) => r.includes('"Accepted"')).length, ms: hrMs(process.hrtime.bigint() - started) };
}

/** Each station starts a transaction (1.6: the CSMS names it; 2.0.1: the station does). */
async function startTransactions(version: Version) {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  await Promise.all(
    stations.map(async (s) => {
      if (version === '1.6') {
        const r = await call(s, 'StartTransaction', `{"connectorId":1,"idTag":"BENCH","meterStart":0,"timestamp":"${at}"}`);
        s.txId = /"transactionId":(\d+)/.exec(r)?.[1] ?? '0';
      } else {
        s.txId = `${s.id}-tx`;
        s.seq = 0;
        await call(
          s,
          'TransactionEvent',
          `{"eventType":"Started","timestamp":"${at}","triggerReason":"Authorized","seqNo":${s.seq++},"transactionInfo":{"transactionId":"${s.txId}","chargingState":"Charging"},"evse":{"id":1,"connectorId":1},"idToken":{"idToken":"BENCH","type":"ISO14443"}}`,
        );
      }
    }),
  );
  return { started: stations.length };
}

const base = Date.now() - 86_400_000;

function meterFrame(s: Station, version: Version): [string, string] {
  const k = s.n + 1;
  const ts = new Date(base + k * 1000).toISOString();
  const wh = k * 10;
  if (version === '1.6') {
    return [
      'MeterValues',
      `{"connectorId":1,"transactionId":${s.txId},"meterValue":[{"timestamp":"${ts}","sampledValue":[{"value":"${wh}","measurand":"Energy.Active.Import.Register","unit":"Wh","context":"Sample.Periodic"},{"value":"7400","measurand":"Power.Active.Import","unit":"W","context":"Sample.Periodic"}]}]}`,
    ];
  }
  return [
    'TransactionEvent',
    `{"eventType":"Updated","timestamp":"${ts}","triggerReason":"MeterValuePeriodic","seqNo":${s.seq++},"transactionInfo":{"transactionId":"${s.txId}"},"meterValue":[{"timestamp":"${ts}","sampledValue":[{"value":${wh},"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"Wh"},"context":"Sample.Periodic"},{"value":7400,"measurand":"Power.Active.Import","unitOfMeasure":{"unit":"W"},"context":"Sample.Periodic"}]}]}`,
  ];
}

/**
 * Drives every station for `durationMs`: each sends its next message as soon as the previous
 * is answered (closed loop, ratePerSec 0) or on a schedule of `ratePerSec` over the fleet
 * (open loop; a station still waiting skips its turn and the skip is counted). Returns the
 * answered count, the rate and the latency percentiles.
 */
async function drive(o: { kind: 'heartbeat' | 'meter'; version: Version; durationMs: number; ratePerSec: number }) {
  const live = stations.filter((s) => s.ws);
  const latencies: number[] = [];
  let skipped = 0;
  let stop = false;
  const frame = (s: Station): [string, string] => (o.kind === 'heartbeat' ? ['Heartbeat', '{}'] : meterFrame(s, o.version));
  const started = process.hrtime.bigint();
  const loop = async (s: Station, offsetMs: number) => {
    if (o.ratePerSec > 0) await new Promise((r) => setTimeout(r, offsetMs));
    const periodMs = o.ratePerSec > 0 ? (live.length * 1000) / o.ratePerSec : 0;
    let due = Date.now();
    while (!stop && s.ws) {
      const [action, payload] = frame(s);
      const t0 = process.hrtime.bigint();
      await call(s, action, payload);
      latencies.push(hrMs(process.hrtime.bigint() - t0));
      if (periodMs > 0) {
        due += periodMs;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else while (due + periodMs < Date.now()) (due += periodMs), skipped++;
      }
    }
  };
  const spread = o.ratePerSec > 0 ? (live.length * 1000) / o.ratePerSec : 0;
  const loops = live.map((s, i) => loop(s, (spread * i) / live.length));
  await new Promise((r) => setTimeout(r, o.durationMs));
  stop = true;
  const elapsed = hrMs(process.hrtime.bigint() - started);
  await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, 10_000))]);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { answered: latencies.length, perSec: (latencies.length * 1000) / elapsed, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? 0, skipped };
}

async function closeAll() {
  await Promise.all(
    stations.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          if (!s.ws) return resolve();
          s.ws.once('close', () => resolve());
          s.ws.terminate();
        }),
    ),
  );
  return { closed: true };
}

const handlers: Record<string, (o: any) => Promise<unknown>> = {
  connect,
  boot: (o) => boot(o.version),
  startTransactions: (o) => startTransactions(o.version),
  drive,
  closeAll,
  count: async () => ({ connected: stations.filter((s) => s.ws).length }),
};

process.on('message', (m: { seq: number; cmd: string; args: unknown }) => {
  const h = handlers[m.cmd];
  if (!h) return process.send!({ seq: m.seq, error: `unknown command ${m.cmd}` });
  h(m.args).then(
    (result) => process.send!({ seq: m.seq, result }),
    (err: unknown) => process.send!({ seq: m.seq, error: String(err) }),
  );
});
process.send!({ ready: true });
