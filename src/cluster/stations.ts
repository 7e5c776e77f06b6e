/**
 * Which node holds each station's socket, and calls to stations through that node.
 *
 * Redis keeps `{prefix}:station:{id}` = `{node}|{version}` with an expiry (the lease): the
 * holding node renews the lease of all its stations every third of it, so the stations of a
 * node that dies are free once it runs out. A node's liveness is `{prefix}:node:{node}` with
 * the same lease.
 *
 * Each node listens on its own channel `{prefix}:node:{node}`. A CALL for a station held
 * elsewhere is published to the holder's channel, with the asking node's name; the holder
 * sends it over the socket and publishes the outcome back on the asker's channel. Nothing is
 * broadcast. A node that takes a station over tells the previous holder on its channel,
 * which closes its socket if the station is no longer its own.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import type { LocalStations, RemoteOutcome, RemoteStations } from '../ocpp/remote.ts';
import type { OcppVersion } from '../ocpp/dialect.ts';
import type { Payload } from '../ocpp/rpc.ts';

type Message =
  | { t: 'call'; id: string; from: string; stationId: string; action: string; payload: Payload; timeoutMs: number }
  | { t: 'reply'; id: string; outcome: RemoteOutcome }
  | { t: 'takeover'; stationId: string; by: string };

/** Deletes a station's key only if this node still holds it. */
const RELEASE = `local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '|' then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Renews this node's leases; re-claims keys that vanished (Redis restarted); returns the
 * stations another node holds by now (their sockets here are stale).
 */
const RENEW = `local lost = {}
for i, k in ipairs(KEYS) do
  local v = redis.call('GET', k)
  if not v then redis.call('SET', k, ARGV[i + 2], 'PX', ARGV[2])
  elseif string.sub(v, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '|' then redis.call('PEXPIRE', k, ARGV[2])
  else table.insert(lost, i) end
end
return lost`;

const RENEW_CHUNK = 1000;

export class ClusterStations implements RemoteStations {
  readonly #cmd: Redis;
  readonly #prefix: string;
  readonly #node: string;
  readonly #leaseMs: number;
  readonly #log: Logger;
  readonly #pending = new Map<string, { resolve: (o: RemoteOutcome) => void; timer: NodeJS.Timeout }>();
  readonly #versions = new Map<string, OcppVersion>();
  #local: LocalStations | undefined;
  #renewTimer: NodeJS.Timeout | undefined;

  constructor(o: { cmd: Redis; prefix: string; node: string; leaseMs: number; log: Logger }) {
    this.#cmd = o.cmd;
    this.#prefix = o.prefix;
    this.#node = o.node;
    this.#leaseMs = o.leaseMs;
    this.#log = o.log.child({ component: 'cluster' });
  }

  /** The channel this node listens on. */
  get channel(): string {
    return this.channelOf(this.#node);
  }

  channelOf(node: string): string {
    return `${this.#prefix}:node:${node}`;
  }

  #key(stationId: string): string {
    return `${this.#prefix}:station:${stationId}`;
  }

  #nodeKey(node: string): string {
    return `${this.#prefix}:alive:${node}`;
  }

  serve(local: LocalStations): void {
    this.#local = local;
  }

  async start(): Promise<void> {
    await this.#renew();
    this.#renewTimer = setInterval(() => {
      this.#renew().catch((err: unknown) => this.#log.warn({ err }, 'could not renew station leases in Redis'));
    }, Math.max(100, Math.floor(this.#leaseMs / 3)));
    this.#renewTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#renewTimer);
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.resolve({ kind: 'closed' });
      this.#pending.delete(id);
    }
    await this.#cmd.del(this.#nodeKey(this.#node)).catch(() => {});
  }

  /** Whether a node is alive (its lease is current). */
  async isAlive(node: string): Promise<boolean> {
    return (await this.#cmd.exists(this.#nodeKey(node))) === 1;
  }

  async claim(stationId: string, version: OcppVersion): Promise<void> {
    this.#versions.set(stationId, version);
    const previous = await this.#cmd.set(this.#key(stationId), `${this.#node}|${version}`, 'PX', this.#leaseMs, 'GET');
    const before = previous?.split('|')[0];
    if (before && before !== this.#node) {
      this.#log.info({ stationId, from: before }, 'station taken over from another node');
      await this.#send(before, { t: 'takeover', stationId, by: this.#node });
    }
  }

  async release(stationId: string): Promise<void> {
    this.#versions.delete(stationId);
    await this.#cmd.eval(RELEASE, 1, this.#key(stationId), this.#node);
  }

  async locate(stationId: string): Promise<{ node: string; version: OcppVersion } | null> {
    const v = await this.#cmd.get(this.#key(stationId));
    if (!v) return null;
    const [node, version] = v.split('|');
    return node && version ? { node, version: version as OcppVersion } : null;
  }

  async call(stationId: string, action: string, payload: Payload, timeoutMs: number): Promise<RemoteOutcome> {
    const where = await this.locate(stationId);
    // Our own key without a socket here: the station left and the release has not landed yet.
    if (!where || where.node === this.#node) return { kind: 'offline' };
    const id = randomUUID();
    const outcome = new Promise<RemoteOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({ kind: 'timeout' });
      }, timeoutMs);
      this.#pending.set(id, { resolve, timer });
    });
    const receivers = await this.#send(where.node, { t: 'call', id, from: this.#node, stationId, action, payload, timeoutMs });
    if (receivers === 0) {
      // Nobody listens on that node's channel: it is gone, and its lease has not run out yet.
      this.#settle(id, { kind: 'offline' });
    }
    return outcome;
  }

  /** A message on this node's channel. */
  receive(text: string): void {
    let m: Message;
    try {
      m = JSON.parse(text) as Message;
    } catch {
      return this.#log.warn('unreadable message on the node channel');
    }
    switch (m.t) {
      case 'reply':
        return this.#settle(m.id, m.outcome);
      case 'call':
        return void this.#serveCall(m);
      case 'takeover':
        return void this.#onTakeover(m.stationId);
    }
  }

  async #serveCall(m: Extract<Message, { t: 'call' }>): Promise<void> {
    const outcome: RemoteOutcome = this.#local
      ? await this.#local.call(m.stationId, m.action, m.payload, Math.max(1, m.timeoutMs - 1000)).catch((err: unknown) => {
          this.#log.error({ err, stationId: m.stationId }, 'a forwarded call failed');
          return { kind: 'closed' } as const;
        })
      : { kind: 'offline' };
    await this.#send(m.from, { t: 'reply', id: m.id, outcome }).catch((err: unknown) => this.#log.warn({ err }, 'could not send a reply to another node'));
  }

  async #onTakeover(stationId: string): Promise<void> {
    const where = await this.locate(stationId);
    if (where?.node === this.#node) return; // reconnected here again since
    this.#versions.delete(stationId);
    this.#local?.release(stationId);
  }

  #settle(id: string, outcome: RemoteOutcome): void {
    const p = this.#pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.#pending.delete(id);
    p.resolve(outcome);
  }

  #send(node: string, m: Message): Promise<number> {
    return this.#cmd.publish(this.channelOf(node), JSON.stringify(m));
  }

  async #renew(): Promise<void> {
    await this.#cmd.set(this.#nodeKey(this.#node), String(Date.now()), 'PX', this.#leaseMs);
    const held = [...(this.#local?.held() ?? [])];
    for (let i = 0; i < held.length; i += RENEW_CHUNK) {
      const ids = held.slice(i, i + RENEW_CHUNK);
      const values = ids.map((id) => `${this.#node}|${this.#versions.get(id) ?? '1.6'}`);
      const lost = (await this.#cmd.eval(RENEW, ids.length, ...ids.map((id) => this.#key(id)), this.#node, this.#leaseMs, ...values)) as number[];
      for (const n of lost) {
        const stationId = ids[n - 1]!;
        this.#log.warn({ stationId }, 'another node holds this station now: the socket here is closed');
        this.#local?.release(stationId);
      }
    }
  }
}
