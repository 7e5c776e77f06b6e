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
    UPLOAD_TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
    MAX_LOG_UPLOAD_MB: z.coerce.number().int().min(1).max(10_240).default(200),
    MAX_FIRMWARE_MB: z.coerce.number().int().min(1).max(10_240).default(1024),
    FTP_PORT: optionalText.pipe(z.string().regex(/^\d{1,5}$/, 'must be a port number (0 picks a free port)').transform(Number).pipe(z.number().max(65_535)).optional()),
    FTP_PUBLIC_HOST: optionalText,
    FTP_PASSIVE_PORTS: z
      .string()
      .trim()
      .regex(/^(0|\d{1,5}-\d{1,5})$/, 'must be MIN-MAX (e.g. 30000-30100), or 0 for any free port')
      .default('30000-30100'),
    FIRMWARE_CAMPAIGN_TICK_SEC: seconds(30, 1, 3600),
    ALERT_CHECK_INTERVAL_SEC: seconds(60, 1, 3600),
    ALERT_OFFLINE_AFTER_SEC: seconds(600, 1),
    ALERT_REBOOT_LIMIT: z.coerce.number().int().min(2).max(1000).default(3),
    ALERT_REBOOT_WINDOW_SEC: seconds(3600, 60),
    ALERT_METER_SILENCE_SEC: seconds(1800, 1),
    ALERT_CLOCK_DRIFT_SEC: seconds(300, 1),
    ALERT_NOTIFY_INTERVAL_SEC: seconds(30, 1, 3600),
    ALERT_DIGEST_THRESHOLD: z.coerce.number().int().min(1).max(10_000).default(5),
    ALERT_NOTIFY_COOLDOWN_SEC: seconds(3600, 0),
    ALERT_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
    ALERT_WEBHOOK_SECRET: optionalText,
    SMTP_URL: optionalText.pipe(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional()),
    ALERT_EMAIL_FROM: optionalText.pipe(z.email().optional()),
    ALERT_EMAIL_TO: optionalText,
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together' });
    }
    if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
      ctx.addIssue({ code: 'custom', path: ['TLS_KEY_FILE'], message: 'TLS_CERT_FILE and TLS_KEY_FILE must be set together' });
    }
    if (env.SMTP_URL && (!env.ALERT_EMAIL_FROM || !env.ALERT_EMAIL_TO)) {
      ctx.addIssue({ code: 'custom', path: ['ALERT_EMAIL_TO'], message: 'SMTP_URL needs ALERT_EMAIL_FROM and ALERT_EMAIL_TO' });
    }
    const bad = env.ALERT_EMAIL_TO?.split(',').map((a) => a.trim()).filter((a) => !z.email().safeParse(a).success);
    if (bad?.length) ctx.addIssue({ code: 'custom', path: ['ALERT_EMAIL_TO'], message: `not email addresses: ${bad.join(', ')}` });
    const [lo, hi] = env.FTP_PASSIVE_PORTS.split('-').map(Number);
    if (hi !== undefined && (lo! > hi || hi > 65_535)) ctx.addIssue({ code: 'custom', path: ['FTP_PASSIVE_PORTS'], message: 'MIN must not exceed MAX, and MAX is at most 65535' });
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
    maintenance: {
      uploadTokenTtlMs: env.UPLOAD_TOKEN_TTL_HOURS * 3_600_000,
      maxLogUploadBytes: env.MAX_LOG_UPLOAD_MB * 1024 * 1024,
      maxFirmwareBytes: env.MAX_FIRMWARE_MB * 1024 * 1024,
      ftp:
        env.FTP_PORT === undefined
          ? undefined
          : {
              port: env.FTP_PORT,
              publicHost: env.FTP_PUBLIC_HOST,
              passivePorts: (([min, max]) => ({ min: min!, max: max ?? min! }))(env.FTP_PASSIVE_PORTS.split('-').map(Number)),
            },
      campaignTickMs: env.FIRMWARE_CAMPAIGN_TICK_SEC * 1000,
    },
    alerts: {
      checkIntervalMs: env.ALERT_CHECK_INTERVAL_SEC * 1000,
      offlineAfterMs: env.ALERT_OFFLINE_AFTER_SEC * 1000,
      rebootLimit: env.ALERT_REBOOT_LIMIT,
      rebootWindowMs: env.ALERT_REBOOT_WINDOW_SEC * 1000,
      meterSilenceMs: env.ALERT_METER_SILENCE_SEC * 1000,
      clockDriftMs: env.ALERT_CLOCK_DRIFT_SEC * 1000,
      notifyIntervalMs: env.ALERT_NOTIFY_INTERVAL_SEC * 1000,
      digestThreshold: env.ALERT_DIGEST_THRESHOLD,
      cooldownMs: env.ALERT_NOTIFY_COOLDOWN_SEC * 1000,
      webhook: env.ALERT_WEBHOOK_URL ? { url: env.ALERT_WEBHOOK_URL, secret: env.ALERT_WEBHOOK_SECRET } : undefined,
      email:
        env.SMTP_URL && env.ALERT_EMAIL_FROM && env.ALERT_EMAIL_TO
          ? { smtpUrl: env.SMTP_URL, from: env.ALERT_EMAIL_FROM, to: env.ALERT_EMAIL_TO.split(',').map((a) => a.trim()) }
          : undefined,
    },
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
      const shown = value === undefined || /PASSWORD|SECRET|KEY|SMTP_URL/.test(name) ? '' : ` (got ${JSON.stringify(value)})`;
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
    admin: config.admin ? { email: config.admin.email, password: '***' } : undefined,
    alerts: {
      ...config.alerts,
      webhook: config.alerts.webhook ? { url: config.alerts.webhook.url, secret: config.alerts.webhook.secret ? '***' : undefined } : undefined,
      email: config.alerts.email ? { ...config.alerts.email, smtpUrl: config.alerts.email.smtpUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') } : undefined,
    },
  };
}
