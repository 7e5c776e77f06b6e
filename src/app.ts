/**
 * buildApp(config) wires the database, the services of each capability, the OCPP gateway
 * and the REST API. No I/O happens at import; tests build as many apps as they like and
 * listen on port 0.
 */
import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { auditRoutes, createAuditLog } from './audit/index.ts';
import { authRoutes, type AuthService, createAuthService } from './auth/index.ts';
import { type Billing, billingRoutes, createBilling, formatMinor } from './billing/index.ts';
import {
  authorizationRoutes,
  type AuthorizationService,
  createAuthorizationService,
  createLocalListService,
  type LocalListService,
  type TokenFacts,
} from './authorization/index.ts';
import type { CommandPort, TokenType } from './commands/index.ts';
import { startCluster } from './cluster/index.ts';
import { createDriversService, driverRoutes, type DriversService } from './drivers/index.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { GroupCommit } from './db/group-commit.ts';
import { DatabaseHealth } from './db/health.ts';
import { migrate } from './db/migrate.ts';
import { type EventBus, eventRoutes, LocalEventBus } from './events/index.ts';
import { LocalScheduler, type Scheduler } from './jobs/index.ts';
import { serverOptions, watchClientErrors } from './http/limits.ts';
import { createHttpServer } from './http/server.ts';
import type { App } from './http/types.ts';
import { webConsoleRoutes } from './http/web-console.ts';
import { createLogger, type Logger } from './log.ts';
import { createMaintenance, type Maintenance, runAs } from './maintenance/index.ts';
import { createMessageLog, type MessageLog, messageRoutes } from './messages/index.ts';
import { createRetention, type Retention } from './retention/index.ts';
import { buildProtocols, createCommandPort, Gateway } from './ocpp/index.ts';
import { createOperatorsService, operatorRoutes, type OperatorsService } from './operators/index.ts';
import {
  createSessionControl,
  createSessionRepo,
  createSessionsService,
  type SessionControl,
  sessionRoutes,
  type SessionsService,
} from './sessions/index.ts';
import { createReports, type Reports, reportRoutes } from './reports/index.ts';
import { createSitesService, isTimeZone, siteRoutes, type SitesService } from './sites/index.ts';
import { createStationsService, createStatusResync, type LiveSessions, overviewRoutes, stationRoutes, type StationsService, type StatusResync } from './stations/index.ts';
import { createTokensService, tokenRoutes, type TokensService } from './tokens/index.ts';
import { version } from './version.ts';

export interface AppOverrides {
  database?: Database;
  clock?: Clock;
  log?: Logger;
  node?: string;
}

export interface Services {
  auth: AuthService;
  operators: OperatorsService;
  stations: StationsService;
  messages: MessageLog;
  retention: Retention;
  events: EventBus;
  drivers: DriversService;
  tokens: TokensService;
  authorization: AuthorizationService;
  localLists: LocalListService;
  sessions: SessionsService;
  sessionControl: SessionControl;
  commands: CommandPort;
  scheduler: Scheduler;
  sites: SitesService;
  billing: Billing;
  maintenance: Maintenance;
  reports: Reports;
}

export interface Straumur {
  readonly config: Config;
  readonly log: Logger;
  readonly database: Database;
  readonly http: App;
  readonly gateway: Gateway;
  readonly services: Services;
  /** The admin created on a first start without ADMIN_EMAIL, to be printed once. */
  readonly generatedAdmin: { email: string; password: string } | null;
  /** The bound TLS port once listening (null without TLS). */
  readonly tlsPort: number | null;
  /** Starts background work and listens; resolves with the bound ports. */
  listen(): Promise<{ port: number; tlsPort: number | null }>;
  /** Graceful: stops accepting, answers the CALLs in flight, closes station sockets with 1012, flushes buffers, closes the database. */
  close(): Promise<void>;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<Straumur> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const node = overrides.node ?? config.nodeId ?? `${hostname()}-${process.pid}`;
  const database =
    overrides.database ?? (await openDatabase({ url: config.database.url, poolSize: config.database.poolSize, dataDir: config.dataDir }));
  const migrated = await migrate(database);
  if (migrated.applied.length > 0) log.info({ applied: migrated.applied, database: database.kind }, 'migrations applied');

  const db = database.db;
  const databaseHealth = new DatabaseHealth(database);
  const cluster = config.cluster ? await startCluster(config.cluster, { log, node }) : null;
  const events: EventBus = cluster?.events ?? new LocalEventBus((err) => log.error({ err }, 'event listener failed'));
  // Group commit: one connection per shard, half the pool, the rest for reads and the API.
  const writes = new GroupCommit({ db, log, windowMs: config.writeBatchMs, shards: database.kind === 'pglite' ? 1 : Math.max(1, Math.floor(config.database.poolSize / 2)) });
  const auth = createAuthService({ db, clock, log, tokenTtlHours: config.auth.apiTokenTtlHours });
  const operators = createOperatorsService({ db, clock, log, auth });
  // Statuses lost to an outage are asked for again through the command port, which exists further down.
  let statusResync: StatusResync | undefined;
  const stations = createStationsService({ db, clock, log, events, node, writes, clustered: cluster !== null, reconcileMs: config.cluster ? config.cluster.leaseSec * 1000 : undefined, statusUnstored: (id) => statusResync?.unstored(id) });
  const messages = createMessageLog({ db, clock, log });
  const scheduler: Scheduler = cluster?.scheduler ?? new LocalScheduler(log);
  cluster?.releaseDeadNodes((isAlive) => stations.releaseDeadNodes(isAlive));
  const retention = createRetention({ db, clock, log, config: config.retention });
  scheduler.every('data-retention', 3_600_000, () => retention.apply());
  scheduler.every('expired-api-tokens', 3_600_000, () => auth.removeExpired());
  const generatedAdmin = await operators.bootstrap(config.admin);

  const sites = createSitesService({ db });
  const drivers = createDriversService({ db, clock, log, auth });
  const tokens = createTokensService({ db, clock, log, drivers: { idByEmail: drivers.idByEmail, exists: drivers.exists } });
  const sessionRepo = createSessionRepo(db);
  const facts = (t: Awaited<ReturnType<typeof tokens.repo.findWithOwner>>): TokenFacts | null =>
    t && { uid: t.uid, type: t.type as TokenType, status: t.status, expiresAt: t.expiresAt, groupId: t.groupId, driverId: t.driverId, driverStatus: t.driverStatus };
  const authorization = createAuthorizationService({
    db,
    clock,
    log,
    allowConcurrent: config.allowConcurrentTx,
    findToken: async (uid) => facts(await tokens.repo.findWithOwner(uid)),
    activeSessionOf: async (uid) => {
      const s = await sessionRepo.activeByToken(uid);
      return s && { stationId: s.stationId, transactionId: s.transactionId };
    },
  });
  const sessions = createSessionsService({
    repo: sessionRepo,
    db,
    clock,
    log,
    events,
    authorization,
    writes,
    ownerOf: async (uid) => {
      const t = await tokens.find(uid);
      return t && { uid: t.uid, type: t.type, driverId: t.driverId };
    },
  });

  const billing = createBilling({
    db,
    clock,
    log,
    config: config.billing,
    events,
    scheduler,
    // The command port needs the gateway, which needs billing's costs: bound when first used.
    commands: { send: (id, name, request) => commands.send(id, name, request), sendRaw: (id, action, payload) => commands.sendRaw(id, action, payload) },
    authorization,
    sessions: sessionRepo,
    stations,
    sites,
    soleProcess: cluster === null,
    token: async (uid) => tokens.repo.findWithOwner(uid),
    driver: async (id) => {
      const d = await drivers.get(id);
      return d.ok ? { email: d.value.email, name: d.value.name } : null;
    },
  });

  const maintenance = createMaintenance({
    db,
    clock,
    log,
    events,
    scheduler,
    config,
    // Without PUBLIC_URL, stations are sent this server's own listener (fine on one host, e.g. tests).
    publicUrl: () => config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${(http.server.address() as AddressInfo).port}`,
    liveLastSeen: (id) => stations.presence.get(id)?.lastSeenAt,
    stationExists: async (id) => (await stations.get(id)).ok,
    findToken: (uid) => tokens.find(uid),
  });
  const protocols = buildProtocols({
    clock,
    stations,
    sessions,
    authorization,
    costs: billing.ocpp,
    maintenance: maintenance.inbox,
    heartbeatIntervalSec: config.ocpp.heartbeatIntervalSec,
    databaseUp: () => databaseHealth.check(),
  });
  const reports = createReports({ db, clock, log, events, scheduler, config: config.reports, isTimeZone, formatMinor });
  const gateway = new Gateway({
    clock,
    log,
    stations,
    messages,
    protocols,
    callTimeoutMs: config.ocpp.callTimeoutMs,
    pingIntervalSec: config.ocpp.pingIntervalSec,
    maxFrameBytes: config.ocpp.maxFrameBytes,
    authFailureLimit: config.auth.failureLimit,
    authFailureLimitPerAddress: config.auth.failureLimitPerAddress,
    authFailureWindowSec: config.auth.failureWindowSec,
    handshakeRatePerAddress: config.connections.handshakeRatePerAddress,
    handshakeBurstPerAddress: config.connections.handshakeBurstPerAddress,
    remote: cluster?.stations,
  });
  const commands = maintenance.connect(createCommandPort(gateway));
  statusResync = createStatusResync({
    log: log.child({ component: 'status-resync' }),
    databaseUp: () => databaseHealth.check(),
    connectorsOf: async (id) => stations.connectorsOf(id),
    trigger: async (id, evseId, connectorId) => {
      const r = await runAs({ id: 'system:status-resync' }, () => commands.send(id, 'TriggerMessage', { message: 'StatusNotification', evseId, connectorId }));
      return r.ok ? r.reply.status : r.reason;
    },
  });
  const localLists = createLocalListService({
    db,
    clock,
    log,
    commands,
    tokens: async (uids) => {
      const rows = uids ? await Promise.all(uids.map((u) => tokens.repo.findWithOwner(u))) : await tokens.repo.allWithOwners(10_001);
      return rows.map(facts).filter((t): t is TokenFacts => t !== null);
    },
  });
  const sessionControl = createSessionControl({
    clock,
    log,
    commands,
    authorization,
    sessions,
    repo: sessionRepo,
    findToken: (uid) => tokens.find(uid),
    stationExists: async (id) => (await stations.get(id)).ok,
  });
  const liveSessions: LiveSessions = async (ids) => {
    const rows = await sessionRepo.activeOnStations(ids);
    return new Map(
      rows.map((r) => [
        `${r.stationId}/${r.evseId}`,
        {
          id: r.id,
          transactionId: r.transactionId,
          tokenUid: r.tokenUid,
          startedAt: r.startedAt.toISOString(),
          energyWh: r.energyWh,
          powerW: r.powerW === null ? null : Number(r.powerW),
          socPercent: r.socPercent === null ? null : Number(r.socPercent),
        },
      ]),
    );
  };
  gateway.followRegistry((fn) => events.subscribe(fn, { scope: 'cluster' }));

  let ready = false;
  let stopping = false;
  const http = await createHttpServer({
    log,
    auth,
    apiDocs: config.apiDocs,
    version,
    state: () => (stopping ? 'stopping' : ready ? 'ready' : 'starting'),
    databaseUp: () => databaseHealth.check(),
    logRequests: config.logRequests,
    rateLimits: config.rateLimits,
    rateLimitStore: cluster && config.cluster ? { redis: cluster.redis, prefix: config.cluster.prefix } : undefined,
    trustProxy: config.trustProxy,
    limits: config.connections,
  });
  const auditLog = createAuditLog({ db, clock, log });
  auditLog.install(http);
  authRoutes(http, { auth });
  operatorRoutes(http, { operators });
  stationRoutes(http, { stations, liveSessions });
  overviewRoutes(http, { stations, running: (id) => sessionRepo.activeOnStations([id]) });
  siteRoutes(http, { sites });
  messageRoutes(http, { messages });
  driverRoutes(http, { drivers });
  tokenRoutes(http, { tokens });
  sessionRoutes(http, { repo: sessionRepo, control: sessionControl, clock, costs: billing.sessionCosts });
  authorizationRoutes(http, { localLists, commands });
  eventRoutes(http, { events });
  billingRoutes(http, billing);
  maintenance.routes(http);
  reportRoutes(http, reports);
  auditRoutes(http, auditLog);
  webConsoleRoutes(http, { settings: { timeZone: config.reports.timeZone, currency: config.billing.currency, version } });
  await http.ready();
  gateway.attach(http.server, false);

  let tls: HttpsServer | null = null;
  if (config.tls) {
    const [cert, key, ca] = await Promise.all([
      readFile(config.tls.certFile),
      readFile(config.tls.keyFile),
      config.tls.caFile ? readFile(config.tls.caFile) : Promise.resolve(undefined),
    ]);
    // Client certificates are requested (profile 3) but checked at the upgrade, so a refusal is
    // an HTTP 401 with a reason and a recorded attempt, not a bare TLS alert.
    tls = createHttpsServer(
      {
        cert,
        key,
        ca,
        requestCert: Boolean(ca),
        rejectUnauthorized: false,
        // TLS 1.0 and 1.1 are refused whatever Node's defaults (OCPP 2.0.1 A00.FR.318: TLS 1.2 or above).
        minVersion: config.tls.minVersion,
        handshakeTimeout: config.connections.tlsHandshakeTimeoutMs,
        ...serverOptions(config.connections),
      },
      (req, res) => http.routing(req, res),
    );
    watchClientErrors(tls, log, true);
    gateway.attach(tls as never, true);
  }

  const services: Services = {
    auth,
    operators,
    stations,
    messages,
    retention,
    events,
    drivers,
    tokens,
    authorization,
    localLists,
    sessions,
    sessionControl,
    commands,
    scheduler,
    sites,
    billing,
    maintenance,
    reports,
  };
  let boundTlsPort: number | null = null;

  return {
    config,
    log,
    database,
    http,
    gateway,
    services,
    generatedAdmin,
    get tlsPort() {
      return boundTlsPort;
    },
    async listen() {
      await stations.start();
      messages.start();
      gateway.start();
      await cluster?.start();
      scheduler.start();
      // scheduler.stop() waits for this run too.
      if (!cluster) void billing.recoverMissed();
      await maintenance.start();
      await http.listen({ port: config.port, host: config.host });
      let tlsPort: number | null = null;
      if (tls && config.tls) {
        const server = tls;
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.tls?.port, config.host, () => resolve());
        });
        tlsPort = (server.address() as AddressInfo).port;
      }
      ready = true;
      boundTlsPort = tlsPort;
      return { port: (http.server.address() as AddressInfo).port, tlsPort };
    },
    async close() {
      ready = false;
      stopping = true;
      // Stop accepting: upgrades are refused (503), the listeners close; requests and CALLs in
      // progress go on (HTTP closes once its last request is answered and the sockets are gone).
      gateway.stopAccepting();
      const httpClosed = Promise.all([http.close(), tls && new Promise<void>((resolve) => tls.close(() => resolve()))]);
      await scheduler.stop();
      statusResync?.stop();
      await billing.lifecycle.idle();
      await maintenance.stop();
      // Every station's answer in flight is sent (after its commit), then its socket closes with 1012.
      await gateway.close((config.shutdownTimeoutSec * 1000) / 2);
      await httpClosed;
      await writes.close();
      await stations.stop();
      await messages.stop();
      await cluster?.close();
      await database.close();
    },
  };
}
