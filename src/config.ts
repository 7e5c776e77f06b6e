/**
 * The one place that reads the environment. Every setting is parsed and checked once at
 * start; a bad value stops the start with a sentence that names the setting. The result is
 * frozen and passed down; secrets are redacted when the config is logged.
 */
import { z } from 'zod';
import { type BillingConfig, type Config, logLevels } from './config.types.ts';

const seconds = (def: number, min = 1, max = 86_400 * 365) => z.coerce.number().int().min(min).max(max).default(def);
const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const decimal = (def: string) => z.string().trim().regex(/^\d+(\.\d+)?$/, 'must be a decimal amount such as 50 or 7.50').default(def);
/** Stripe secret (sk_) and restricted (rk_) keys say their mode. */
const stripeTestKey = (key: string) => /^(sk|rk)_test_/.test(key);

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
    LOG_LEVEL: z.enum(logLevels).default('info'),
    LOG_REQUESTS: flag(false),
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
    AUDIT_LOG_RETENTION_DAYS: seconds(730, 0, 36_500),
    AUTHORIZATION_LOG_RETENTION_DAYS: seconds(90, 0, 36_500),
    AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
    AUTH_FAILURE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(100),
    AUTH_FAILURE_WINDOW_SEC: seconds(300, 1),
    OCPP_HANDSHAKE_RATE_PER_ADDRESS: z.coerce.number().min(0).max(1_000_000).default(1000),
    OCPP_HANDSHAKE_BURST_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
    HTTP_HEADERS_TIMEOUT_SEC: seconds(10, 1, 300),
    HTTP_MAX_HEADER_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024).default(16 * 1024),
    TLS_HANDSHAKE_TIMEOUT_SEC: seconds(10, 1, 300),
    SIGN_IN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(30),
    SIGN_IN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(10),
    SIGN_IN_LIMIT_WINDOW_SEC: seconds(900, 1),
    REGISTRATION_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(10),
    REGISTRATION_LIMIT_WINDOW_SEC: seconds(3600, 1),
    TRUST_PROXY: z
      .string()
      .trim()
      .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a number of proxy hops, or proxy addresses/CIDRs separated by commas')
      .default('false'),
    API_TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(12),
    API_DOCS: flag(true),
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
    ALLOW_CONCURRENT_TX: flag(false),
    TIME_ZONE: z.string().trim().min(1).default('UTC'),
    REPORTS_REFRESH_SEC: seconds(60, 5, 3600),
    REPORTS_MAX_LAG_SEC: seconds(5, 0, 3600),
    BILLING_CURRENCY: z.string().trim().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR').default('EUR'),
    BILLING_TIME_ZONE: z.string().trim().min(1).default('UTC'),
    BILLING_DRIVER_PAYMENT_MODE: z.enum(['card', 'wallet', 'postpaid']).default('card'),
    BILLING_PREAUTH_AMOUNT: decimal('50'),
    BILLING_INCREMENT_AT_PERCENT: z.coerce.number().int().min(10).max(100).default(80),
    BILLING_WALLET_MINIMUM: decimal('5'),
    BILLING_RETRY_HOURS: z
      .string()
      .trim()
      .regex(/^\d+(,\d+)*$/, 'must be hours between attempts, e.g. 24,72,168')
      .default('24,72,168')
      .transform((v) => v.split(',').map(Number)),
    BILLING_BLOCK_DEBTORS: flag(false),
    BILLING_INVOICE_DUE_DAYS: seconds(14, 0, 365),
    BILLING_COST_UPDATE_SEC: seconds(60, 1, 3600),
    BILLING_LIVE_COST_SEC: seconds(5, 0, 3600),
    BILLING_REBOOT_GRACE_MIN: seconds(30, 0, 1440),
    BILLING_NUMBER_PREFIX: z.string().trim().regex(/^[A-Za-z0-9-]{0,12}$/, 'letters, digits and - only, at most 12').default(''),
    BILLING_SELLER_NAME: z.string().trim().default('Straumur operator'),
    BILLING_SELLER_ADDRESS: optionalText,
    BILLING_SELLER_VAT_ID: optionalText,
    BILLING_SELLER_EMAIL: optionalText,
    STRIPE_SECRET_KEY: optionalText,
    STRIPE_WEBHOOK_SECRET: optionalText,
    STRIPE_PUBLISHABLE_KEY: optionalText.pipe(z.string().regex(/^pk_(test|live)_/, 'must be a Stripe publishable key (pk_test_… or pk_live_…)').optional()),
    STRIPE_API_HOST: optionalText,
    STRIPE_API_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    STRIPE_API_PROTOCOL: z.enum(['https', 'http']).optional(),
    WRITE_BATCH_MS: z.coerce.number().int().min(0).max(1000).default(2),
    SHUTDOWN_TIMEOUT_SEC: seconds(15, 2, 600),
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
    if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together' });
    }
    if (env.STRIPE_PUBLISHABLE_KEY && !env.STRIPE_SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_PUBLISHABLE_KEY'], message: 'needs STRIPE_SECRET_KEY (card payments are off without it)' });
    }
    if (env.STRIPE_PUBLISHABLE_KEY && env.STRIPE_SECRET_KEY && env.STRIPE_PUBLISHABLE_KEY.startsWith('pk_test_') !== stripeTestKey(env.STRIPE_SECRET_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_PUBLISHABLE_KEY'], message: 'must be of the same mode (test or live) as STRIPE_SECRET_KEY' });
    }
    for (const name of ['BILLING_TIME_ZONE', 'TIME_ZONE'] as const) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: env[name] });
      } catch {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must be an IANA time zone such as Atlantic/Reykjavik' });
      }
    }
    if (env.REDIS_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'cluster mode (REDIS_URL) needs PostgreSQL (DATABASE_URL): the embedded database serves one process only',
      });
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

export type { BillingConfig, Config, RetentionConfig } from './config.types.ts';

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
    logRequests: env.LOG_REQUESTS,
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
    },
    retention: {
      messageLogDays: env.MESSAGE_LOG_RETENTION_DAYS,
      auditLogDays: env.AUDIT_LOG_RETENTION_DAYS,
      authorizationLogDays: env.AUTHORIZATION_LOG_RETENTION_DAYS,
    },
    auth: {
      failureLimit: env.AUTH_FAILURE_LIMIT,
      failureLimitPerAddress: env.AUTH_FAILURE_LIMIT_PER_ADDRESS,
      failureWindowSec: env.AUTH_FAILURE_WINDOW_SEC,
      apiTokenTtlHours: env.API_TOKEN_TTL_HOURS,
    },
    connections: {
      handshakeRatePerAddress: env.OCPP_HANDSHAKE_RATE_PER_ADDRESS,
      handshakeBurstPerAddress: env.OCPP_HANDSHAKE_BURST_PER_ADDRESS,
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_SEC * 1000,
      maxHeaderBytes: env.HTTP_MAX_HEADER_BYTES,
      tlsHandshakeTimeoutMs: env.TLS_HANDSHAKE_TIMEOUT_SEC * 1000,
    },
    rateLimits: {
      signInPerAddress: env.SIGN_IN_LIMIT_PER_ADDRESS,
      signInPerAccount: env.SIGN_IN_LIMIT_PER_ACCOUNT,
      signInWindowSec: env.SIGN_IN_LIMIT_WINDOW_SEC,
      registrationPerAddress: env.REGISTRATION_LIMIT_PER_ADDRESS,
      registrationWindowSec: env.REGISTRATION_LIMIT_WINDOW_SEC,
    },
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
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
    reports: { timeZone: env.TIME_ZONE, refreshSec: env.REPORTS_REFRESH_SEC, maxLagSec: env.REPORTS_MAX_LAG_SEC },
    billing: {
      currency: env.BILLING_CURRENCY,
      timeZone: env.BILLING_TIME_ZONE,
      driverPaymentMode: env.BILLING_DRIVER_PAYMENT_MODE,
      preauthAmount: env.BILLING_PREAUTH_AMOUNT,
      incrementAtPercent: env.BILLING_INCREMENT_AT_PERCENT,
      walletMinimum: env.BILLING_WALLET_MINIMUM,
      retryHours: env.BILLING_RETRY_HOURS,
      blockDebtors: env.BILLING_BLOCK_DEBTORS,
      invoiceDueDays: env.BILLING_INVOICE_DUE_DAYS,
      costUpdateSec: env.BILLING_COST_UPDATE_SEC,
      liveCostSec: env.BILLING_LIVE_COST_SEC,
      rebootGraceMin: env.BILLING_REBOOT_GRACE_MIN,
      numberPrefix: env.BILLING_NUMBER_PREFIX,
      seller: { name: env.BILLING_SELLER_NAME, address: env.BILLING_SELLER_ADDRESS, vatId: env.BILLING_SELLER_VAT_ID, email: env.BILLING_SELLER_EMAIL },
      stripe:
        env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
          ? {
              secretKey: env.STRIPE_SECRET_KEY,
              webhookSecret: env.STRIPE_WEBHOOK_SECRET,
              host: env.STRIPE_API_HOST,
              port: env.STRIPE_API_PORT,
              protocol: env.STRIPE_API_PROTOCOL,
              publishableKey: env.STRIPE_PUBLISHABLE_KEY,
              testMode: stripeTestKey(env.STRIPE_SECRET_KEY),
            }
          : undefined,
    },
    writeBatchMs: env.WRITE_BATCH_MS,
    shutdownTimeoutSec: env.SHUTDOWN_TIMEOUT_SEC,
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
    cluster: config.cluster ? { ...config.cluster, redisUrl: config.cluster.redisUrl.replace(/\/\/([^@/]*)@/, '//***@') } : undefined,
    billing: { ...config.billing, stripe: config.billing.stripe ? { ...config.billing.stripe, secretKey: '***', webhookSecret: '***' } : undefined },
  };
}
