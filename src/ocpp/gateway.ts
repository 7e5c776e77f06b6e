/**
 * The OCPP-J WebSocket server at /ocpp/{stationId}, on the HTTP listener (ws://) and the
 * TLS listener (wss://). Authenticates at the upgrade (upgrade.ts), then hands the socket to
 * a StationConnection. Keeps one connection per station: a second one takes over. Pings every
 * socket and drops those that stop answering.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from '../clock.ts';
import { type Logger, throttledWarn } from '../log.ts';
import type { MessageSink } from '../messages/index.ts';
import type { StationsService } from '../stations/index.ts';
import { type CallOutcome, StationConnection, type Protocol } from './connection.ts';
import type { OcppVersion } from './dialect.ts';
import { FailureLimiter } from './failure-limiter.ts';
import { HandshakeLimiter } from './handshake-limiter.ts';
import type { RemoteOutcome, RemoteStations } from './remote.ts';
import type { Payload } from './rpc.ts';
import { checkCredentials, isRefusal, negotiateSubprotocol, peerCertificate, type Refusal, stationIdFromUrl } from './upgrade.ts';

export interface GatewayDeps {
  clock: Clock;
  log: Logger;
  stations: StationsService;
  messages: MessageSink;
  protocols: ReadonlyMap<OcppVersion, Protocol>;
  callTimeoutMs: number;
  pingIntervalSec: number;
  maxFrameBytes: number;
  authFailureLimit: number;
  authFailureLimitPerAddress: number;
  authFailureWindowSec: number;
  /** Upgrades per second per address (0: no limit) and the burst allowed at once. */
  handshakeRatePerAddress: number;
  handshakeBurstPerAddress: number;
  /** Cluster mode: the stations other nodes hold, and the registry of who holds which. */
  remote?: RemoteStations | undefined;
}

const STATUS_TEXT: Record<Refusal['status'], string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Close codes: 1012 (Service Restart, RFC 6455 registry) tells a station to reconnect, here or to another node. */
export const CLOSE_SERVICE_RESTART = 1012;
const CLOSE_REPLACED = 4000;
/** Slack for a call answered through another node: its own deadline runs there. */
const REMOTE_CALL_SLACK_MS = 2000;
const CLOSE_REMOVED = 4001;
/** How long a station that authenticated from an address is exempt from that address's failure limit. */
const PROVEN_FOR_MS = 24 * 3600_000;

export class Gateway {
  readonly #deps: GatewayDeps;
  readonly #log: Logger;
  readonly #wss: WebSocketServer;
  readonly #connections = new Map<string, StationConnection>();
  readonly #pairLimiter: FailureLimiter;
  readonly #addressLimiter: FailureLimiter;
  readonly #handshakes: HandshakeLimiter;
  /**
   * (station id, address) pairs that authenticated in the last day: the address limit never
   * refuses them, so stations that have proven themselves behind a NAT keep reconnecting while
   * a neighbour misbehaves.
   */
  readonly #proven = new Map<string, number>();
  /** Refusals a flood can trigger are logged once per address and reason per 10 s, with a count. */
  readonly #warnOnce: ReturnType<typeof throttledWarn>;
  #pingTimer: NodeJS.Timeout | undefined;
  #accepting = true;
  #unsubscribe: (() => void) | undefined;

  constructor(deps: GatewayDeps) {
    this.#deps = deps;
    this.#log = deps.log.child({ component: 'gateway' });
    this.#pairLimiter = new FailureLimiter(deps.authFailureLimit, deps.authFailureWindowSec * 1000);
    this.#addressLimiter = new FailureLimiter(deps.authFailureLimitPerAddress, deps.authFailureWindowSec * 1000);
    this.#handshakes = new HandshakeLimiter(deps.handshakeRatePerAddress, deps.handshakeBurstPerAddress);
    this.#warnOnce = throttledWarn(this.#log);
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: deps.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: false,
      // The subprotocol was chosen during authentication; echo it, or none if none was offered.
      handleProtocols: (_offered, req) => (req as IncomingMessage & { ocppSubprotocol?: string }).ocppSubprotocol ?? false,
    });
    deps.remote?.serve({
      call: (stationId, action, payload, timeoutMs) => this.#callHere(stationId, action, payload, timeoutMs),
      release: (stationId) => this.disconnect(stationId, CLOSE_REPLACED, 'replaced by a connection on another node'),
      held: () => this.#connections.keys(),
    });
  }

  /** Serves OCPP upgrades on this HTTP(S) server. */
  attach(server: Server, secure: boolean): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // The socket may fail while we authenticate; without a listener that error would crash the process.
      socket.on('error', () => socket.destroy());
      this.#onUpgrade(req, socket, head, secure).catch((err: unknown) => {
        this.#log.error({ err }, 'upgrade failed');
        this.#reject(socket, { status: 503, message: 'The CSMS could not accept the connection; try again shortly.' });
      });
    });
  }

  start(): void {
    if (this.#deps.pingIntervalSec > 0) {
      this.#pingTimer = setInterval(() => this.#pingAll(), this.#deps.pingIntervalSec * 1000);
      this.#pingTimer.unref();
    }
  }

  /**
   * Sends a CALL (already in the station's version) to a station, on this node or, in
   * cluster mode, through the node that holds it.
   */
  async call(stationId: string, action: string, payload: Payload, timeoutMs = this.#deps.callTimeoutMs): Promise<RemoteOutcome> {
    const conn = this.#connections.get(stationId);
    if (conn) return conn.call(action, payload, timeoutMs);
    if (!this.#deps.remote) return { kind: 'offline' };
    return this.#deps.remote.call(stationId, action, payload, timeoutMs + REMOTE_CALL_SLACK_MS);
  }

  /** The OCPP version a connected station speaks (asking the cluster when it is not here), or null when offline. */
  async versionOf(stationId: string): Promise<OcppVersion | null> {
    const conn = this.#connections.get(stationId);
    if (conn) return conn.version;
    return (await this.#deps.remote?.locate(stationId))?.version ?? null;
  }

  /** A version's protocol (its command table translates domain commands). */
  protocol(version: OcppVersion): Protocol | undefined {
    return this.#deps.protocols.get(version);
  }

  connection(stationId: string): StationConnection | undefined {
    return this.#connections.get(stationId);
  }

  #callHere(stationId: string, action: string, payload: Payload, timeoutMs: number): Promise<RemoteOutcome> {
    const conn = this.#connections.get(stationId);
    return conn ? conn.call(action, payload, timeoutMs) : Promise.resolve({ kind: 'offline' });
  }

  get size(): number {
    return this.#connections.size;
  }

  /** Closes a station's socket (it was removed, or an operator asked). */
  disconnect(stationId: string, code = CLOSE_REMOVED, reason = 'station removed'): void {
    this.#connections.get(stationId)?.socket.close(code, reason);
  }

  /** New stations are refused (503, so they try again shortly) from now on. */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /**
   * Graceful shutdown: stops accepting; lets every station's CALL in progress get its answer
   * (its write committed), then closes that socket with 1012 so the station reconnects; after
   * `timeoutMs` what is left is cut off.
   */
  async close(timeoutMs = 5000): Promise<void> {
    this.stopAccepting();
    clearInterval(this.#pingTimer);
    this.#unsubscribe?.();
    let expire = () => {};
    const deadline = new Promise<void>((resolve) => {
      expire = resolve;
      setTimeout(resolve, timeoutMs).unref();
    });
    const closing = [...this.#connections.values()].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.socket.readyState === c.socket.CLOSED) return resolve();
          c.socket.once('close', () => resolve());
          void c.closeAfterDrain(CLOSE_SERVICE_RESTART, 'server restarting', deadline);
        }),
    );
    await Promise.race([Promise.all(closing), deadline]);
    expire();
    for (const c of this.#connections.values()) c.socket.terminate();
    this.#wss.close();
  }

  /** Follows registry changes: a removed station is disconnected. */
  followRegistry(subscribe: (fn: (e: { type: string; stationId?: string }) => void) => () => void): void {
    // In cluster mode `subscribe` must deliver every node's events: the station may be held here.
    this.#unsubscribe = subscribe((e) => {
      if (e.type === 'station.removed' && e.stationId) this.disconnect(e.stationId);
    });
  }

  async #onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, secure: boolean): Promise<void> {
    const address = req.socket.remoteAddress ?? null;
    if (!this.#accepting) return this.#reject(socket, { status: 503, message: 'The CSMS is shutting down; reconnect shortly.' });
    const wait = this.#handshakes.take(String(address));
    if (wait > 0) {
      this.#warnOnce(`rate ${address}`, { address }, 'upgrade refused: too many handshakes from this address');
      return this.#reject(socket, { status: 429, message: 'Too many connection attempts from this address; wait and try again.' }, wait);
    }
    const stationId = stationIdFromUrl(req.url);
    if (isRefusal(stationId)) {
      // A path trick or an odd id never reaches a lookup; it counts as a failure of the address.
      this.#addressLimiter.fail(String(address), (req.url ?? '').slice(0, 200));
      this.#warnOnce(`path ${address}`, { address, path: (req.url ?? '').slice(0, 200), why: stationId.message }, 'upgrade refused: not a station path');
      return this.#reject(socket, stationId);
    }
    const pair = `${stationId}@${address}`;
    const addressBlocked = this.#addressLimiter.blocked(String(address)) && !this.#isProven(pair);
    if (addressBlocked || this.#pairLimiter.blocked(pair)) {
      this.#warnOnce(`failures ${pair}`, { stationId, address }, 'upgrade refused: too many failed attempts');
      return this.#reject(socket, { status: 429, message: 'Too many failed attempts; wait and try again.' });
    }
    const refused = async (r: Refusal) => {
      this.#addressLimiter.fail(String(address), stationId);
      this.#pairLimiter.fail(pair);
      this.#log.warn({ stationId, address, reason: r.reason, why: r.message }, 'station connection refused');
      if (r.reason) {
        await this.#deps.stations
          .recordRefusal({ stationId, reason: r.reason, address, subprotocols: req.headers['sec-websocket-protocol'] ?? null })
          .catch((err: unknown) => this.#log.warn({ err }, 'could not record the connection attempt'));
      }
      this.#reject(socket, r);
    };

    const station = await this.#deps.stations.authInfo(stationId);
    if (!station) return refused({ status: 404, message: `Station ${stationId} is not registered with this CSMS.`, reason: 'unknown-station' });
    const negotiated = negotiateSubprotocol(req.headers['sec-websocket-protocol'], station.ocppVersion);
    if (isRefusal(negotiated)) return refused(negotiated);
    const problem = await checkCredentials({
      stationId,
      securityProfile: station.securityProfile,
      passwordHash: station.passwordHash,
      secure,
      authorization: req.headers.authorization,
      certificate: secure ? peerCertificate(req) : null,
      verifyPassword: (pw, hash) => this.#deps.stations.verifyPassword(stationId, pw, hash),
    });
    if (problem) return refused(problem);
    this.#pairLimiter.reset(pair);
    this.#prove(pair);

    const protocol = this.#deps.protocols.get(negotiated.version);
    if (!protocol) return this.#reject(socket, { status: 400, message: `OCPP ${negotiated.version} is not enabled.` });
    if (socket.destroyed) return;
    (req as IncomingMessage & { ocppSubprotocol?: string }).ocppSubprotocol = negotiated.subprotocol ?? undefined;
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(stationId, protocol, ws, address));
  }

  #accept(stationId: string, protocol: Protocol, ws: WebSocket, address: string | null): void {
    const { clock, stations } = this.#deps;
    const conn = new StationConnection(stationId, protocol, ws, {
      clock,
      log: this.#deps.log,
      messages: this.#deps.messages,
      callTimeoutMs: this.#deps.callTimeoutMs,
      onActivity: (id, at) => stations.touch(id, at),
    });
    const previous = this.#connections.get(stationId);
    this.#connections.set(stationId, conn);
    if (previous) {
      this.#log.warn({ stationId, address }, 'a new connection took over from the previous one');
      previous.socket.close(CLOSE_REPLACED, 'replaced by a new connection');
    }
    ws.on('error', (err) => this.#log.warn({ err, stationId }, 'station socket error'));
    ws.on('close', (code, reason) => {
      conn.dispose();
      if (this.#connections.get(stationId) !== conn) return; // taken over: the new connection owns the station
      this.#connections.delete(stationId);
      this.#deps.remote?.release(stationId).catch((err: unknown) => this.#log.warn({ err, stationId }, 'could not release the station in the cluster'));
      const why = `closed (${code}${reason.length ? `: ${reason.toString('utf8').slice(0, 100)}` : ''})`;
      stations.disconnected(stationId, clock.now(), why).catch((err: unknown) => this.#log.warn({ err, stationId }, 'could not record disconnect'));
    });
    this.#log.info({ stationId, address, ocpp: protocol.dialect.version }, 'station connected');
    this.#deps.remote
      ?.claim(stationId, protocol.dialect.version)
      .catch((err: unknown) => this.#log.warn({ err, stationId }, 'could not record the station in the cluster'));
    stations
      .connected(stationId, protocol.dialect.version, conn.connectedAt)
      .catch((err: unknown) => this.#log.warn({ err, stationId }, 'could not record connect'));
  }

  #isProven(pair: string): boolean {
    const until = this.#proven.get(pair);
    return until !== undefined && until > Date.now();
  }

  #prove(pair: string): void {
    if (this.#proven.size >= 200_000) {
      const now = Date.now();
      for (const [k, until] of this.#proven) if (until <= now) this.#proven.delete(k);
      if (this.#proven.size >= 200_000) this.#proven.clear();
    }
    this.#proven.set(pair, Date.now() + PROVEN_FOR_MS);
  }

  #reject(socket: Duplex, r: Refusal, retryAfterSec = 60): void {
    if (socket.destroyed) return;
    const body = `${r.message}\n`;
    const headers = [
      `HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status]}`,
      'Connection: close',
      'Content-Type: text/plain; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...(r.status === 401 ? ['WWW-Authenticate: Basic realm="Straumur OCPP", charset="UTF-8"'] : []),
      ...(r.status === 429 ? [`Retry-After: ${retryAfterSec}`] : []),
    ];
    socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
  }

  #pingAll(): void {
    for (const conn of this.#connections.values()) {
      if (!conn.alive) {
        this.#log.warn({ stationId: conn.stationId }, 'no pong since the last ping: connection dropped');
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }
}
