/**
 * The shape of Straumur's configuration, as src/config.ts builds it from the environment:
 * typed, read-only, passed down to every unit that needs a setting.
 */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Base URL stations and browsers use to reach this server (for upload and download links). */
  readonly publicUrl: string | undefined;
  readonly database: { readonly url: string | undefined; readonly poolSize: number };
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  /** A line per HTTP request and response (URLs scrubbed of tokens); off by default, the OCPP log is the busy one. */
  readonly logRequests: boolean;
  readonly admin: { readonly email: string; readonly password: string } | undefined;
  readonly tls:
    | {
        readonly port: number;
        readonly certFile: string;
        readonly keyFile: string;
        readonly caFile: string | undefined;
        readonly minVersion: 'TLSv1.2' | 'TLSv1.3';
      }
    | undefined;
  readonly ocpp: {
    readonly heartbeatIntervalSec: number;
    readonly callTimeoutMs: number;
    readonly pingIntervalSec: number;
    readonly maxFrameBytes: number;
  };
  readonly retention: RetentionConfig;
  readonly auth: {
    /** Failed upgrades allowed per (station id, address) in the window. */
    readonly failureLimit: number;
    /** Failed upgrades allowed per address (any station id) in the window. */
    readonly failureLimitPerAddress: number;
    readonly failureWindowSec: number;
    readonly apiTokenTtlHours: number;
  };
  /** Limits on the connection layer (docs/adr/0028): rates and slowness, never connections per address. */
  readonly connections: {
    /** WebSocket upgrades per second per address (a token bucket); 0 turns the limit off. */
    readonly handshakeRatePerAddress: number;
    readonly handshakeBurstPerAddress: number;
    readonly headersTimeoutMs: number;
    readonly maxHeaderBytes: number;
    readonly tlsHandshakeTimeoutMs: number;
  };
  /** Requests allowed per window on the doors anyone may knock at (src/http/rate-limits.ts). */
  readonly rateLimits: {
    readonly signInPerAddress: number;
    readonly signInPerAccount: number;
    readonly signInWindowSec: number;
    readonly registrationPerAddress: number;
    readonly registrationWindowSec: number;
  };
  /** Fastify's trustProxy: whether (and which) proxies' X-Forwarded-For/-Proto are believed, for client addresses and HSTS. */
  readonly trustProxy: boolean | number | string;
  readonly apiDocs: boolean;
  /** Whether one token may charge in several sessions at once (otherwise ConcurrentTx). */
  readonly allowConcurrentTx: boolean;
  readonly maintenance: {
    readonly uploadTokenTtlMs: number;
    readonly maxLogUploadBytes: number;
    readonly maxFirmwareBytes: number;
    /** FTP for station uploads and firmware downloads; undefined: off. Port 0 picks a free port. */
    readonly ftp: { readonly port: number; readonly publicHost: string | undefined; readonly passivePorts: { readonly min: number; readonly max: number } } | undefined;
    readonly campaignTickMs: number;
  };
  readonly alerts: {
    readonly checkIntervalMs: number;
    readonly offlineAfterMs: number;
    readonly rebootLimit: number;
    readonly rebootWindowMs: number;
    readonly meterSilenceMs: number;
    readonly clockDriftMs: number;
    readonly notifyIntervalMs: number;
    readonly digestThreshold: number;
    readonly cooldownMs: number;
    readonly webhook: { readonly url: string; readonly secret: string | undefined } | undefined;
    readonly email: { readonly smtpUrl: string; readonly from: string; readonly to: readonly string[] } | undefined;
  };
  readonly billing: BillingConfig;
  /** How long a durable write waits for others to share its transaction (group commit), in ms. */
  readonly writeBatchMs: number;
  /** SIGTERM: the process exits within this many seconds (half for the stations' answers in flight). */
  readonly shutdownTimeoutSec: number;
  /** This node's name (NODE_ID); undefined: host and pid. */
  readonly nodeId: string | undefined;
  /** Cluster mode (REDIS_URL set): Redis keeps station ownership, jobs' locks and live events. */
  readonly cluster:
    | {
        readonly redisUrl: string;
        /** Prefix of every key and channel, so several clusters (or tests) can share one Redis. */
        readonly prefix: string;
        /** How long a node's claim on its stations lives without renewal (a dead node's stations are released after it). */
        readonly leaseSec: number;
      }
    | undefined;
  readonly reports: {
    /** The operator's time zone: reports group days, weeks and months in it. */
    readonly timeZone: string;
    /** How often the report rollups are brought up to date in the background. */
    readonly refreshSec: number;
    /** A report refreshes the rollups first when they are older than this. */
    readonly maxLagSec: number;
  };
}

export interface BillingConfig {
  /** Wallets, plans and statements are kept in this currency. */
  readonly currency: string;
  /** Monthly statements run by the calendar month here; stations without a site price in it. */
  readonly timeZone: string;
  readonly driverPaymentMode: 'card' | 'wallet' | 'postpaid';
  /** Decimal, in the tariff's currency: what a card holds at the start unless the tariff says. */
  readonly preauthAmount: string;
  readonly incrementAtPercent: number;
  /** Decimal, in `currency`: a wallet below this may not start. */
  readonly walletMinimum: string;
  readonly retryHours: readonly number[];
  readonly blockDebtors: boolean;
  readonly invoiceDueDays: number;
  readonly costUpdateSec: number;
  /** A running session is rated at most this often (its cost live, its hold or wallet checked). */
  readonly liveCostSec: number;
  readonly rebootGraceMin: number;
  readonly numberPrefix: string;
  readonly seller: { readonly name: string; readonly address?: string | undefined; readonly vatId?: string | undefined; readonly email?: string | undefined };
  readonly stripe:
    | {
        readonly secretKey: string;
        readonly webhookSecret: string;
        readonly host?: string | undefined;
        readonly port?: number | undefined;
        readonly protocol?: 'https' | 'http' | undefined;
        /** For Stripe.js in the driver portal (the card form); not a secret. */
        readonly publishableKey?: string | undefined;
        /** A test-mode key: Stripe's test cards (pm_card_visa) work and nothing is charged. */
        readonly testMode: boolean;
      }
    | undefined;
}

/** Days each growing log is kept (0: for ever); applied hourly by the data-retention job. */
export interface RetentionConfig {
  /** The OCPP message log (ocpp_messages). */
  readonly messageLogDays: number;
  /** Operator actions and sign-ins (audit_log) and commands sent to stations (command_audit). */
  readonly auditLogDays: number;
  /** Every authorization decision (authorization_decisions). */
  readonly authorizationLogDays: number;
}
