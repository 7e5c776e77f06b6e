/**
 * The station registry and what stations report about themselves: registration, boot
 * information, connector statuses, presence, and refused connection attempts.
 * Version-neutral: the OCPP edge translates frames into these calls.
 */
import { hashPassword, STATION_COST } from '../auth/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { dbErrorOf, sqlState } from '../errors.ts';
import type { EventBus } from '../events/index.ts';
import type { Logger } from '../log.ts';
import { fail, ok, type Result } from '../result.ts';
import type { ConnectorStatus } from './connector-status.ts';
import { BatchLoader } from '../db/batch-loader.ts';
import { CredentialCache } from './credentials.ts';
import { PresenceTracker } from './presence.ts';
import { isValidStationId, stationIdRule } from './station-id.ts';
import { bootWriter, presenceWriter, statusWriter } from './station-writes.ts';
import { type ConnectorRow, createStationRepo, type StationFilter, type StationRow } from './station.repo.ts';
import type { BootInfo, ConnectorView, OcppVersionLabel, RefusalReason, SecurityProfile, StationView, StatusReport } from './types.ts';

export interface StationsDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  /** This process's node id (cluster mode) or a fixed name. */
  node: string;
  /** How often buffered last-seen times are written, in ms. */
  presenceFlushMs?: number;
  /** Whether other nodes share the database (cluster mode): then only this node's stations are released at start. */
  clustered?: boolean;
  /** The group-commit write path shared with other capabilities (one of its own otherwise). */
  writes?: GroupCommit;
  /**
   * Cluster mode: how often this node re-marks connected the stations it holds that the
   * database says are not (another node took it for dead and released them), in ms.
   */
  reconcileMs?: number;
  /** A station's connector status could not be stored (the status resync decides whether it was an outage). */
  statusUnstored?: (stationId: string) => void;
}

export interface RegisterInput {
  id: string;
  name?: string | null | undefined;
  siteId?: string | null | undefined;
  password?: string | null | undefined;
  securityProfile?: SecurityProfile | undefined;
  ocppVersion?: OcppVersionLabel | undefined;
}

export type UpdateInput = Omit<RegisterInput, 'id'>;

/** What the gateway needs to authenticate an upgrade. */
export interface StationAuthInfo {
  id: string;
  passwordHash: string | null;
  securityProfile: SecurityProfile;
  ocppVersion: OcppVersionLabel;
}

/** OCPP 2.0.1 A00.FR.205: passwords of 16 to 40 characters. */
const MIN_STATION_PASSWORD = 16;
const MAX_STATION_PASSWORD = 40;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function connectorView(c: ConnectorRow): ConnectorView {
  return {
    evseId: c.evseId,
    connectorId: c.connectorId,
    status: c.status as ConnectorStatus,
    rawStatus: c.rawStatus,
    errorCode: c.errorCode,
    vendorErrorCode: c.vendorErrorCode,
    info: c.info,
    statusAt: c.statusAt.toISOString(),
  };
}

export function createStationsService(deps: StationsDeps) {
  const repo = createStationRepo(deps.db);
  const writes = deps.writes ?? new GroupCommit({ db: deps.db, log: deps.log, windowMs: 0, shards: 1 });
  /** Passes a failed status write on to the resync, then fails as before (the station is answered InternalError). */
  const unstored =
    (id: string) =>
    (err: unknown): never => {
      deps.statusUnstored?.(id);
      throw err;
    };
  const presence = new PresenceTracker();
  const credentials = new CredentialCache();
  let flushTimer: NodeJS.Timeout | undefined;
  let reconcileTimer: NodeJS.Timeout | undefined;
  /** Connect and disconnect writes of one station run in order, so a quick reconnect cannot end up recorded as offline. */
  const presenceWrites = new Map<string, Promise<void>>();
  function inOrder(id: string, write: () => Promise<void>): Promise<void> {
    const next = (presenceWrites.get(id) ?? Promise.resolve()).then(write, write);
    presenceWrites.set(id, next);
    void next.finally(() => {
      if (presenceWrites.get(id) === next) presenceWrites.delete(id);
    }).catch(() => {});
    return next;
  }

  /** Upgrades arriving together (a reconnect storm) are looked up together. */
  const authLookups = new BatchLoader<StationAuthInfo>(async (ids) => {
    const rows = await repo.authInfoOf(ids);
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, passwordHash: r.passwordHash, securityProfile: r.securityProfile as SecurityProfile, ocppVersion: r.ocppVersion as OcppVersionLabel },
      ]),
    );
  });

  function view(row: StationRow, conns: ConnectorRow[]): StationView {
    const live = presence.get(row.id);
    return {
      id: row.id,
      name: row.name,
      siteId: row.siteId,
      connected: live ? true : row.connected,
      ocppVersion: (live?.version ?? row.ocppVersion) as OcppVersionLabel,
      securityProfile: row.securityProfile as SecurityProfile,
      hasPassword: row.passwordHash !== null,
      vendor: row.vendor,
      model: row.model,
      serialNumber: row.serialNumber,
      firmwareVersion: row.firmwareVersion,
      iccid: row.iccid,
      imsi: row.imsi,
      meterType: row.meterType,
      meterSerialNumber: row.meterSerialNumber,
      lastSeenAt: iso(live && (!row.lastSeenAt || live.lastSeenAt > row.lastSeenAt) ? live.lastSeenAt : row.lastSeenAt),
      connectedAt: iso(live?.connectedAt ?? row.connectedAt),
      disconnectedAt: iso(row.disconnectedAt),
      lastBootAt: iso(row.lastBootAt),
      lastBootReason: row.lastBootReason,
      bootCount: row.bootCount,
      stationStatus: row.stationStatus,
      createdAt: row.createdAt.toISOString(),
      connectors: conns.filter((c) => c.stationId === row.id).map(connectorView),
    };
  }

  function checkSecurity(profile: SecurityProfile, hasPassword: boolean): string | null {
    if ((profile === 1 || profile === 2) && !hasPassword) return `security profile ${profile} needs a password`;
    return null;
  }

  function checkPassword(password: string): string | null {
    if (password.length < MIN_STATION_PASSWORD || password.length > MAX_STATION_PASSWORD) {
      return `a station password has ${MIN_STATION_PASSWORD} to ${MAX_STATION_PASSWORD} characters (OCPP security profiles)`;
    }
    return null;
  }

  /** A write naming a site that does not exist fails its foreign key: that is the caller's mistake, not ours. */
  async function noSuchSite<T>(write: () => Promise<T>): Promise<T | 'no-site'> {
    try {
      return await write();
    } catch (err) {
      const e = dbErrorOf(err);
      if (e?.code === sqlState.foreignKeyViolation && e.constraint === 'stations_site_id_fkey') return 'no-site';
      throw err;
    }
  }

  /**
   * A node whose lease lapsed under load (its event loop blocked past CLUSTER_LEASE_SEC) is
   * taken for dead by the others, and its stations are marked disconnected though their
   * sockets are still here. Put them back; a station that left while this ran is released again.
   */
  async function reconcilePresence(): Promise<number> {
    const back = await repo.reassertConnected(deps.node, presence.held(), deps.clock.now());
    const gone = back.filter((id) => !presence.get(id));
    for (const id of gone) await inOrder(id, () => writes.submit(id, presenceWriter, { stationId: id, node: deps.node, at: deps.clock.now(), connected: { reason: 'closed', lastSeen: deps.clock.now() } }));
    if (back.length > 0) deps.log.warn({ stations: back.length - gone.length }, 'stations this node holds were marked disconnected by another node: marked connected again');
    return back.length - gone.length;
  }

  async function flushPresence(): Promise<void> {
    const entries = presence.drain();
    try {
      await repo.saveLastSeen(entries);
    } catch (err) {
      deps.log.warn({ err, stations: entries.length }, 'could not write last-seen times; will retry');
      for (const e of entries) presence.touch(e.id, e.at);
    }
  }

  return {
    presence,
    /** Writes buffered last-seen times now (also every few seconds on its own). */
    flushPresence,

    async start(): Promise<void> {
      const released = await repo.releaseNode(deps.clustered ? deps.node : null, deps.clock.now());
      if (released > 0) deps.log.info({ released }, 'stations held by this node before a restart marked disconnected');
      flushTimer = setInterval(() => void flushPresence(), deps.presenceFlushMs ?? 5000);
      flushTimer.unref();
      if (deps.clustered && deps.reconcileMs) {
        reconcileTimer = setInterval(() => {
          reconcilePresence().catch((err: unknown) => deps.log.warn({ err }, 'could not check this node\'s stations against the database'));
        }, deps.reconcileMs);
        reconcileTimer.unref();
      }
    },

    reconcilePresence,

    async stop(): Promise<void> {
      if (flushTimer) clearInterval(flushTimer);
      if (reconcileTimer) clearInterval(reconcileTimer);
      await flushPresence();
    },

    /** Cluster mode: the stations of nodes that are gone (by `isAlive`) are no longer connected. */
    async releaseDeadNodes(isAlive: (node: string) => Promise<boolean>): Promise<number> {
      let released = 0;
      for (const node of await repo.connectedNodes()) {
        if (node === deps.node || (await isAlive(node))) continue;
        const n = await repo.releaseNode(node, deps.clock.now(), 'node gone');
        deps.log.warn({ node, released: n }, 'a node is gone: its stations are marked disconnected');
        released += n;
      }
      return released;
    },

    async register(input: RegisterInput): Promise<Result<StationView>> {
      if (!isValidStationId(input.id)) return fail('VALIDATION_FAILED', `Invalid station id: ${stationIdRule}.`);
      if (input.password) {
        const bad = checkPassword(input.password);
        if (bad) return fail('VALIDATION_FAILED', `Invalid password: ${bad}.`);
      }
      const profile = input.securityProfile ?? (input.password ? 1 : 0);
      const badProfile = checkSecurity(profile, Boolean(input.password));
      if (badProfile) return fail('VALIDATION_FAILED', `Invalid security profile: ${badProfile}.`);
      const passwordHash = input.password ? await hashPassword(input.password, STATION_COST) : null;
      const row = await noSuchSite(() =>
        repo.insert({
          id: input.id,
          name: input.name ?? null,
          siteId: input.siteId ?? null,
          passwordHash,
          securityProfile: profile,
          ocppVersion: input.ocppVersion ?? '1.6',
        }),
      );
      if (row === 'no-site') return fail('VALIDATION_FAILED', 'No site with this siteId.');
      if (!row) return fail('ALREADY_EXISTS', `A station with id ${input.id} is already registered.`);
      await repo.clearConnectionAttempts(input.id);
      deps.events.publish({ type: 'station.registered', stationId: row.id, at: deps.clock.now().toISOString() });
      return ok(view(row, []));
    },

    async update(id: string, input: UpdateInput): Promise<Result<StationView>> {
      const current = await repo.findById(id);
      if (!current) return fail('STATION_NOT_FOUND');
      if (input.password) {
        const bad = checkPassword(input.password);
        if (bad) return fail('VALIDATION_FAILED', `Invalid password: ${bad}.`);
      }
      const passwordHash =
        input.password === undefined ? current.passwordHash : input.password === null ? null : await hashPassword(input.password, STATION_COST);
      const profile = (input.securityProfile ?? current.securityProfile) as SecurityProfile;
      const badProfile = checkSecurity(profile, passwordHash !== null);
      if (badProfile) return fail('VALIDATION_FAILED', `Invalid security profile: ${badProfile}.`);
      const row = await noSuchSite(() =>
        repo.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.siteId !== undefined ? { siteId: input.siteId } : {}),
        ...(input.ocppVersion !== undefined ? { ocppVersion: input.ocppVersion } : {}),
        passwordHash,
        securityProfile: profile,
      }),
      );
      if (row === 'no-site') return fail('VALIDATION_FAILED', 'No site with this siteId.');
      if (!row) return fail('STATION_NOT_FOUND');
      credentials.forget(id);
      return ok(view(row, await repo.connectorsOf([id])));
    },

    async remove(id: string): Promise<Result<void>> {
      try {
        if (!(await repo.remove(id))) return fail('STATION_NOT_FOUND');
      } catch (err) {
        // Sessions and other records reference stations; those stations are kept.
        if (dbErrorOf(err)?.code === sqlState.foreignKeyViolation) {
          return fail('CONFLICT', 'This station has history (sessions, records) and cannot be deleted.');
        }
        throw err;
      }
      credentials.forget(id);
      deps.events.publish({ type: 'station.removed', stationId: id, at: deps.clock.now().toISOString() });
      return ok(undefined);
    },

    async get(id: string): Promise<Result<StationView>> {
      const row = await repo.findById(id);
      if (!row) return fail('STATION_NOT_FOUND');
      return ok(view(row, await repo.connectorsOf([id])));
    },

    async list(filter: StationFilter): Promise<{ items: StationView[]; total: number }> {
      const { rows, total } = await repo.list(filter);
      const conns = await repo.connectorsOf(rows.map((r) => r.id));
      return { items: rows.map((r) => view(r, conns)), total };
    },

    /** The connectors known of a station, as stored. */
    connectorsOf: (id: string) => repo.connectorsOf([id]),

    authInfo: (id: string): Promise<StationAuthInfo | null> => authLookups.load(id),

    verifyPassword: (id: string, password: Buffer, storedHash: string) => credentials.verify(id, password, storedHash),

    async recordBoot(id: string, info: BootInfo, at: Date): Promise<void> {
      await writes.submit(id, bootWriter, { stationId: id, info, at });
      presence.touch(id, at);
      deps.events.publish({
        type: 'station.booted',
        stationId: id,
        vendor: info.vendor,
        model: info.model,
        firmwareVersion: info.firmwareVersion ?? null,
        at: at.toISOString(),
      });
    },

    async recordStatus(id: string, report: StatusReport): Promise<void> {
      const changed = await writes.submit(id, statusWriter, { stationId: id, report }).catch(unstored(id));
      if (!changed) return;
      deps.events.publish({
        type: 'connector.status',
        stationId: id,
        evseId: report.evseId,
        connectorId: report.connectorId,
        status: report.status,
        rawStatus: report.rawStatus,
        errorCode: report.errorCode ?? null,
        at: report.at.toISOString(),
      });
    },

    /** 1.6 connector 0: the charge point as a whole. */
    recordStationStatus: (id: string, rawStatus: string) => repo.setStationStatus(id, rawStatus).catch(unstored(id)),

    async connected(id: string, version: OcppVersionLabel, at: Date): Promise<void> {
      presence.connected(id, version, at);
      await inOrder(id, () => writes.submit(id, presenceWriter, { stationId: id, node: deps.node, at, connected: { version } }));
      deps.events.publish({ type: 'station.connected', stationId: id, ocppVersion: version, at: at.toISOString() });
    },

    async disconnected(id: string, at: Date, reason: string): Promise<void> {
      const lastSeen = presence.get(id)?.lastSeenAt ?? at;
      presence.disconnected(id);
      await inOrder(id, () => writes.submit(id, presenceWriter, { stationId: id, node: deps.node, at, connected: { reason, lastSeen } }));
      deps.events.publish({ type: 'station.disconnected', stationId: id, reason, at: at.toISOString() });
    },

    touch: (id: string, at: Date) => presence.touch(id, at),

    async recordRefusal(a: { stationId: string; reason: RefusalReason; address: string | null; subprotocols: string | null }): Promise<void> {
      await repo.recordConnectionAttempt({ ...a, at: deps.clock.now() });
    },

    async listConnectionAttempts(limit = 200) {
      const rows = await repo.listConnectionAttempts(limit);
      return rows.map((r) => ({
        stationId: r.stationId,
        reason: r.reason,
        attempts: r.attempts,
        lastAddress: r.lastAddress,
        subprotocols: r.subprotocols,
        firstAt: r.firstAt.toISOString(),
        lastAt: r.lastAt.toISOString(),
      }));
    },
  };
}

export type StationsService = ReturnType<typeof createStationsService>;
