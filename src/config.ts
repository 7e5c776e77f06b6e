/**
 * The one place that reads the environment. Every setting is parsed and checked once at
 * start; a bad value stops the start with a sentence that names the setting. The result is
 * frozen and passed down; secrets are redacted when the config is logged.
 */
import { z } from 'zod';

const seconds = (def: number, min = 1, max = 86_400 * 365) => z.coerce.number().int().min(min).max(max).default(def);
const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: optionalText.pipe(
      z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
    ),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
    ADMIN_PASSWORD: optionalText.pipe(z.string().min(8, 'must be at least 8 characters').optional()),
    TLS_PORT: z.coerce.number().int().min(0).max(65_535).default(8443),
    TLS_CERT_FILE: optionalText,
    TLS_KEY_FILE: optionalText,
    TLS_CA_FILE: optionalText,
    TLS_MIN_VERSION: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
    HEARTBEAT_INTERVAL_SEC: seconds(300, 10),
    OCPP_CALL_TIMEOUT_SEC: seconds(30, 1, 600),
    WS_PING_INTERVAL_SEC: seconds(30, 0, 3600),
    OCPP_MAX_FRAME_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
    MESSAGE_LOG_RETENTION_DAYS: seconds(30, 0, 3650),
    AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
    AUTH_FAILURE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(100),
    AUTH_FAILURE_WINDOW_SEC: seconds(300, 1),
    API_TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(12),
    API_DOCS: flag(true),
    ALLOW_CONCURRENT_TX: flag(false),
    WRITE_BATCH_MS: z.coerce.number().int().min(0).max(1000).default(2),
    REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional()),
    REDIS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only (at most 64)').default('straumur'),
    NODE_ID: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits and _ . : - only (at most 100)').optional()),
    CLUSTER_LEASE_SEC: seconds(15, 1, 3600),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together' });
    }
    if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
      ctx.addIssue({ code: 'custom', path: ['TLS_KEY_FILE'], message: 'TLS_CERT_FILE and TLS_KEY_FILE must be set together' });
    }
    if (env.REDIS_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'cluster mode (REDIS_URL) needs PostgreSQL (DATABASE_URL): the embedded database serves one process only',
      });
    }
    if (env.TLS_CA_FILE && !env.TLS_CERT_FILE) {
      ctx.addIssue({ code: 'custom', path: ['TLS_CA_FILE'], message: 'TLS_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE' });
    }
  });

type Env = z.infer<typeof envSchema>;

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Base URL stations and browsers use to reach this server (for upload and download links). */
  readonly publicUrl: string | undefined;
  readonly database: { readonly url: string | undefined; readonly poolSize: number };
  readonly dataDir: string;
  readonly logLevel: Env['LOG_LEVEL'];
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
    readonly messageLogRetentionDays: number;
  };
  readonly auth: {
    /** Failed upgrades allowed per (station id, address) in the window. */
    readonly failureLimit: number;
    /** Failed upgrades allowed per address (any station id) in the window. */
    readonly failureLimitPerAddress: number;
    readonly failureWindowSec: number;
    readonly apiTokenTtlHours: number;
  };
  readonly apiDocs: boolean;
  /** Whether one token may charge in several sessions at once (otherwise ConcurrentTx). */
  readonly allowConcurrentTx: boolean;
  /** How long a durable write waits for others to share its transaction (group commit), in ms. */
  readonly writeBatchMs: number;
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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function toConfig(env: Env): Config {
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    dataDir: env.DATA_DIR,
    logLevel: env.LOG_LEVEL,
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    tls:
      env.TLS_CERT_FILE && env.TLS_KEY_FILE
        ? {
            port: env.TLS_PORT,
            certFile: env.TLS_CERT_FILE,
            keyFile: env.TLS_KEY_FILE,
            caFile: env.TLS_CA_FILE,
            minVersion: env.TLS_MIN_VERSION,
          }
        : undefined,
    ocpp: {
      heartbeatIntervalSec: env.HEARTBEAT_INTERVAL_SEC,
      callTimeoutMs: env.OCPP_CALL_TIMEOUT_SEC * 1000,
      pingIntervalSec: env.WS_PING_INTERVAL_SEC,
      maxFrameBytes: env.OCPP_MAX_FRAME_BYTES,
      messageLogRetentionDays: env.MESSAGE_LOG_RETENTION_DAYS,
    },
    auth: {
      failureLimit: env.AUTH_FAILURE_LIMIT,
      failureLimitPerAddress: env.AUTH_FAILURE_LIMIT_PER_ADDRESS,
      failureWindowSec: env.AUTH_FAILURE_WINDOW_SEC,
      apiTokenTtlHours: env.API_TOKEN_TTL_HOURS,
    },
    apiDocs: env.API_DOCS,
    allowConcurrentTx: env.ALLOW_CONCURRENT_TX,
    writeBatchMs: env.WRITE_BATCH_MS,
    nodeId: env.NODE_ID,
    cluster: env.REDIS_URL ? { redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX, leaseSec: env.CLUSTER_LEASE_SEC } : undefined,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Parses the environment (or test overrides) into a frozen Config, or throws a ConfigError naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      const value = env[name];
      const shown = value === undefined || /PASSWORD|SECRET|KEY/.test(name) ? '' : ` (got ${JSON.stringify(value)})`;
      return `${name}: ${i.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return deepFreeze(toConfig(parsed.data));
}

/** The config as it may be logged: passwords and credentials in URLs replaced. */
export function redactConfig(config: Config): unknown {
  return {
    ...config,
    database: { ...config.database, url: config.database.url?.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') },
    cluster: config.cluster ? { ...config.cluster, redisUrl: config.cluster.redisUrl.replace(/\/\/([^@/]*)@/, '//***@') } : undefined,
    admin: config.admin ? { email: config.admin.email, password: '***' } : undefined,
  };
}
