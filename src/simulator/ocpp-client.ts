/**
 * A lean OCPP-J client for simulated stations: one `ws` socket, the framing of src/ocpp/rpc.ts,
 * our CALLs one at a time with a deadline, and the CSMS's CALLs answered by a handler.
 * Lean on purpose: a load generator holds tens of thousands of these in one process, so it
 * keeps no schema validator per socket (the CSMS validates everything it receives).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { parseFrame, type Payload, serializeCall, serializeError, serializeResult } from '../ocpp/rpc.ts';

/** A handler's refusal, sent as a CALLERROR. */
export class CallError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface ClientOptions {
  url: string;
  stationId: string;
  subprotocol: string;
  password?: string | undefined;
  callTimeoutMs?: number;
  /** Source address for the socket (a load generator spreads sockets over 127.0.0.x). */
  localAddress?: string | undefined;
}

type Handler = (action: string, payload: Payload) => Promise<Payload> | Payload;

interface Pending {
  resolve: (p: Payload) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class OcppClient {
  readonly #o: ClientOptions;
  #ws: WebSocket | undefined;
  readonly #pending = new Map<string, Pending>();
  #handler: Handler = (action) => {
    throw new CallError('NotImplemented', `${action} is not implemented by this simulator`);
  };
  onClose: (code: number) => void = () => {};

  constructor(o: ClientOptions) {
    this.#o = o;
  }

  get open(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  handle(h: Handler): void {
    this.#handler = h;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = `${this.#o.url.replace(/\/+$/, '')}/${encodeURIComponent(this.#o.stationId)}`;
      const headers: Record<string, string> = {};
      if (this.#o.password) headers.authorization = `Basic ${Buffer.from(`${this.#o.stationId}:${this.#o.password}`).toString('base64')}`;
      const ws = new WebSocket(url, [this.#o.subprotocol], { headers, perMessageDeflate: false, ...(this.#o.localAddress ? { localAddress: this.#o.localAddress } : {}) });
      this.#ws = ws;
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`HTTP ${res.statusCode} for ${this.#o.stationId}`));
        res.resume();
        ws.terminate();
      });
      ws.on('error', (err) => reject(err));
      ws.on('message', (data) => this.#onMessage(String(data)));
      ws.once('close', (code) => {
        for (const [id, p] of this.#pending) {
          clearTimeout(p.timer);
          p.reject(new Error('connection closed'));
          this.#pending.delete(id);
        }
        this.onClose(code);
      });
    });
  }

  call(action: string, payload: Payload): Promise<Payload> {
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('not connected'));
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${action}: no answer in time`));
      }, this.#o.callTimeoutMs ?? 30_000);
      this.#pending.set(id, { resolve, reject, timer });
      ws.send(serializeCall(id, action, payload));
    });
  }

  close(code = 1000): void {
    this.#ws?.close(code);
  }

  terminate(): void {
    this.#ws?.terminate();
  }

  #onMessage(text: string): void {
    const parsed = parseFrame(text);
    if (!parsed.ok) return;
    const f = parsed.frame;
    if (f.kind === 'result' || f.kind === 'error') {
      const p = this.#pending.get(f.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.#pending.delete(f.id);
      if (f.kind === 'result') p.resolve(f.payload);
      else p.reject(new CallError(f.code, f.description));
      return;
    }
    if (f.kind !== 'call') return;
    Promise.resolve()
      .then(() => this.#handler(f.action, f.payload))
      .then(
        (reply) => this.#ws?.send(serializeResult(f.id, reply)),
        (err: unknown) => {
          const code = err instanceof CallError ? err.code : 'InternalError';
          this.#ws?.send(serializeError(f.id, code, err instanceof Error ? err.message : String(err)));
        },
      );
  }
}
