/**
 * Starts a real Straumur on port 0 against a fresh database, with an admin signed in, and
 * gives tests a small JSON client for the REST API.
 */
import { buildApp, type Straumur } from '../../src/app.ts';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { type Backend, freshDatabase, type TestDatabase } from './db.ts';

export const ADMIN = { email: 'admin@example.test', password: 'admin-password-1' };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  app: Straumur;
  db: TestDatabase;
  port: number;
  baseUrl: string;
  /** ws://127.0.0.1:PORT/ocpp — an ocpp-rpc endpoint (it appends /{identity}). */
  ocppUrl: string;
  adminToken: string;
  api<T = any>(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiResponse<T>>;
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  clock?: Clock;
  db?: TestDatabase;
  /** Keep the database after close (a restart test reopens it). */
  keepDatabase?: boolean;
  /** The logger (e.g. one writing to a stream the test reads). */
  log?: Logger;
}

export async function startServer(backend: Backend, opts: StartOptions = {}): Promise<TestServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    API_DOCS: 'true',
    // Tests sign in and register far more often than people do; a test of the limits sets its own.
    SIGN_IN_LIMIT_PER_ADDRESS: '100000',
    SIGN_IN_LIMIT_PER_ACCOUNT: '100000',
    REGISTRATION_LIMIT_PER_ADDRESS: '100000',
    ...opts.env,
  });
  const db = opts.db ?? (await freshDatabase(backend));
  const app = await buildApp(config, {
    database: db.database,
    log: opts.log ?? createLogger(config.logLevel),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const { port } = await app.listen();
  const baseUrl = `http://127.0.0.1:${port}`;

  async function api<T>(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (CSV, PDF, text): the raw text is returned
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async function login(email: string, password: string): Promise<string> {
    const res = await api<{ token: string }>('POST', '/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  }

  const adminToken = await login(ADMIN.email, ADMIN.password);
  const server: TestServer = {
    app,
    db,
    port,
    baseUrl,
    ocppUrl: `ws://127.0.0.1:${port}/ocpp`,
    adminToken,
    api: (method, path, body, token = adminToken) => api(method, path, body, token),
    login,
    async close() {
      await app.close();
      if (!opts.keepDatabase) await db.drop();
    },
  };
  return server;
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
