/**
 * The FTP server many 1.6 stations need: they upload diagnostics (and download firmware)
 * only by FTP. Built on ftp-srv; every login is a one-time upload account or a firmware
 * download account (see `FtpAccess`), with a virtual file system that never touches the
 * disk: a stored file goes to the file store as it streams in, a download streams out of it.
 */
import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { FtpSrv } from 'ftp-srv';
import type { Logger } from '../log.ts';

/** What one login may do: store one file, or read files by name. */
export interface FtpAccess {
  upload?(fileName: string): { stream: Writable; done: Promise<unknown> };
  download?(fileName: string): Promise<{ size: number; open(): Readable } | null>;
}

export interface FtpOptions {
  host: string;
  port: number;
  /** The address stations are told to open passive data connections to. */
  passiveHost: string;
  passivePorts: { min: number; max: number };
  log: Logger;
  login(user: string, password: string, address: string): Promise<FtpAccess | null>;
}

/** An FTP control connection idle this long is closed. */
const IDLE_MS = 120_000;

const stat = (name: string, dir: boolean, size = 0) => ({
  name,
  size,
  mtime: new Date(),
  mode: dir ? 0o040755 : 0o100644,
  isDirectory: () => dir,
  isFile: () => !dir,
});

/** A file system of one login: any directory exists (stations CWD into the path of their URL), files are the access's. */
function fileSystem(access: FtpAccess) {
  let cwd = '/';
  const base = (p: string) => p.split('/').filter(Boolean).pop() ?? '';
  return {
    currentDirectory: () => cwd,
    async get(name: string) {
      const file = access.download && base(name) ? await access.download(base(name)) : null;
      return file ? stat(base(name), false, file.size) : stat(base(name) || '/', true);
    },
    list: async () => [],
    async chdir(path = '/') {
      cwd = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
      return cwd;
    },
    mkdir: async (path: string) => path,
    write(name: string) {
      if (!access.upload) throw Object.assign(new Error('This account may not upload.'), { code: 550 });
      const { stream } = access.upload(base(name));
      return { stream, clientPath: `/${base(name)}` };
    },
    async read(name: string) {
      const file = access.download ? await access.download(base(name)) : null;
      if (!file) throw Object.assign(new Error('No such file.'), { code: 550 });
      return { stream: file.open(), clientPath: `/${base(name)}` };
    },
    delete: async () => {
      throw Object.assign(new Error('Not allowed.'), { code: 550 });
    },
    rename: async () => {
      throw Object.assign(new Error('Not allowed.'), { code: 550 });
    },
    chmod: async () => undefined,
    getUniqueName: (name: string) => name,
  };
}

/** ftp-srv's log interface on our logger: its chatter at trace, its errors at warn. */
function ftpLog(log: Logger) {
  const l = log.child({ component: 'ftp' });
  const adapter = {
    trace: (...a: unknown[]) => l.trace({ ftp: a }),
    debug: (...a: unknown[]) => l.trace({ ftp: a }),
    info: (...a: unknown[]) => l.debug({ ftp: a }),
    warn: (...a: unknown[]) => l.warn({ ftp: a }),
    error: (...a: unknown[]) => l.warn({ ftp: a }),
    child: () => adapter,
  };
  return adapter;
}

export async function startFtpServer(o: FtpOptions): Promise<{ port: number; close(): Promise<void> }> {
  const signals = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const server = new FtpSrv({
    url: `ftp://${o.host}:${o.port}`,
    pasv_url: o.passiveHost,
    pasv_min: o.passivePorts.min,
    pasv_max: o.passivePorts.max,
    anonymous: false,
    greeting: 'Straumur',
    log: ftpLog(o.log) as never,
    // No ftp-srv timeout: it also arms a timer of that length on every disconnect that is never
    // cleared. Idle control connections are closed below instead.
    timeout: 0,
  });
  // ftp-srv exits the process on SIGTERM/SIGINT by itself; Straumur shuts down in order instead.
  for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l as never);
  server.on('login', ({ username, password, connection }, resolve, reject) => {
    o.login(username, password, connection.ip)
      .then((access) => (access ? resolve({ fs: fileSystem(access) as never }) : reject(new Error('Unknown user or password.'))))
      .catch((err: unknown) => {
        o.log.warn({ err }, 'FTP login failed');
        reject(new Error('Login failed; try again later.'));
      });
  });
  server.on('client-error', ({ error }) => o.log.debug({ err: error }, 'FTP client error'));
  (server as unknown as EventEmitter).on('connect', ({ connection }: { connection: { commandSocket: Socket } }) => {
    connection.commandSocket.setTimeout(IDLE_MS, () => connection.commandSocket.destroy());
  });
  await server.listen();
  const port = (server as unknown as { server: { address(): { port: number } } }).server.address().port;
  return {
    port,
    async close() {
      await server.close();
    },
  };
}
