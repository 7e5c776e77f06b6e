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
const decimal = (def: string) => z.string().trim().regex(/^\d+(\.\d+)?$/, 'must be a decimal amount such as 50 or 7.50').default(def);
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
    BILLING_REBOOT_GRACE_MIN: seconds(30, 0, 1440),
    BILLING_NUMBER_PREFIX: z.string().trim().regex(/^[A-Za-z0-9-]{0,12}$/, 'letters, digits and - only, at most 12').default(''),
    BILLING_SELLER_NAME: z.string().trim().default('Straumur operator'),
    BILLING_SELLER_ADDRESS: optionalText,
    BILLING_SELLER_VAT_ID: optionalText,
    BILLING_SELLER_EMAIL: optionalText,
    STRIPE_SECRET_KEY: optionalText,
    STRIPE_WEBHOOK_SECRET: optionalText,
    STRIPE_API_HOST: optionalText,
    STRIPE_API_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    STRIPE_API_PROTOCOL: z.enum(['https', 'http']).optional(),
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
    for (const name of ['BILLING_TIME_ZONE', 'TIME_ZONE'] as const) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: env[name] });
      } catch {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must be an IANA time zone such as Atlantic/Reykjavik' });
      }
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
  readonly billing: BillingConfig;
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
      rebootGraceMin: env.BILLING_REBOOT_GRACE_MIN,
      numberPrefix: env.BILLING_NUMBER_PREFIX,
      seller: { name: env.BILLING_SELLER_NAME, address: env.BILLING_SELLER_ADDRESS, vatId: env.BILLING_SELLER_VAT_ID, email: env.BILLING_SELLER_EMAIL },
      stripe:
        env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
          ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, host: env.STRIPE_API_HOST, port: env.STRIPE_API_PORT, protocol: env.STRIPE_API_PROTOCOL }
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
    admin: config.admin ? { email: config.admin.email, password: '***' } : undefined,
    billing: { ...config.billing, stripe: config.billing.stripe ? { ...config.billing.stripe, secretKey: '***', webhookSecret: '***' } : undefined },
  };
}
