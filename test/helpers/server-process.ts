/**
 * The real server as a child process (`node --import tsx src/main.ts`), so a test can kill it
 * with SIGKILL or SIGTERM and start it again on the same port and database, the way an
 * operator's process manager would.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN = { email: 'admin@example.test', password: 'admin-password-1' };

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  readonly ocppUrl: string;
  /** The last lines the server logged (for a failure's message). */
  tail(): string;
  /** Log lines whose message matches. */
  lines(match: RegExp): Array<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  readonly exited: Promise<number | string>;
}

/** Starts the server with `env` (PORT 0 picks a free port); resolves once it logged that it is ready. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const errors: string[] = [];
  const keep = (line: string) => {
    raw.push(line);
    if (raw.length > 200) raw.shift();
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry.level === 'number' && (entry.level >= 40 || /ready|shutting|shut down|database/i.test(String(entry.msg)))) log.push(entry);
      return entry;
    } catch {
      return null;
    }
  };
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${raw.join('\n')}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        const entry = keep(line);
        if (entry && typeof entry.msg === 'string' && entry.msg.startsWith('Straumur is ready')) {
          clearTimeout(timer);
          resolve(Number(entry.port));
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => {
      errors.push(c.toString('utf8'));
      if (errors.length > 100) errors.shift();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${raw.join('\n')}\n${errors.join('')}`));
    });
  });
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    ocppUrl: `ws://127.0.0.1:${port}/ocpp`,
    tail: () => [...raw.filter((l) => /"level":[4-6]0/.test(l)).slice(-20), ...raw.slice(-10), errors.join('')].join('\n'),
    lines: (match) => log.filter((e) => match.test(String(e.msg))),
    exited,
  };
}

/** SIGKILL: no handler runs, nothing is flushed; resolves once the process is gone. */
export async function kill(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  assert.equal(await server.exited, 'SIGKILL');
}

/** A small JSON client for the REST API, signed in as the admin. */
export async function adminApi(baseUrl: string) {
  async function api<T = any>(method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${baseUrl}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
  const login = await api<{ token: string }>('POST', '/api/v1/auth/login', ADMIN);
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const token = login.body.token;
  return <T = any>(method: string, p: string, body?: unknown) => api<T>(method, p, body, token);
}
