/**
 * Structured logging (pino). Secrets never reach a log line: request headers that carry
 * credentials and any field named like a secret are redacted at the logger, not at call sites,
 * and a request's URL is logged without what a URL may carry: `?access_token=` (the event
 * stream's token), and the one-time tokens in station upload and firmware download paths.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.secret',
  '*.secretKey',
  '*.webhookSecret',
  '*.authorizationKey',
  'password',
  'passwordHash',
  'token',
  'access_token',
  'secret',
];

/** Query parameters whose values are credentials. */
const secretQuery = /([?&](?:access_token|token|password|secret|key)=)[^&#]*/gi;
/** Paths whose segment after the prefix is a credential (station upload and firmware download links). */
const secretPath = /^(\/(?:uploads|firmware)\/)[^/?#]+/;

export function scrubUrl(url: string): string {
  return url.replace(secretPath, '$1[redacted]').replace(secretQuery, '$1[redacted]');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  socket?: { remoteAddress?: string };
}

const serializers = {
  req: (req: LoggedRequest) => ({ method: req.method, url: typeof req.url === 'string' ? scrubUrl(req.url) : req.url, remoteAddress: req.ip ?? req.socket?.remoteAddress }),
  url: (url: unknown) => (typeof url === 'string' ? scrubUrl(url) : url),
  err: pino.stdSerializers.err,
};

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'straumur' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream | undefined,
  );
}

/**
 * Logs at most one line per key per interval, with the number of lines held back since: a
 * flood of refused connections from one address must not become a flood of log lines.
 */
export function throttledWarn(log: Logger, intervalMs = 10_000, now: () => number = Date.now) {
  const last = new Map<string, { at: number; held: number }>();
  return (key: string, fields: Record<string, unknown>, message: string): void => {
    const t = now();
    const seen = last.get(key);
    if (seen && t - seen.at < intervalMs) {
      seen.held++;
      return;
    }
    if (last.size > 10_000) last.clear();
    last.set(key, { at: t, held: 0 });
    log.warn({ ...fields, ...(seen?.held ? { heldBack: seen.held } : {}) }, message);
  };
}
