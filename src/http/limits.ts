/**
 * Limits on the HTTP(S) listeners, where both the REST API and the OCPP upgrades arrive:
 * a request's headers must arrive within a deadline (a socket that dribbles a handshake is
 * cut), and may not exceed a size (431). Refusals before a request is read are logged, once
 * per address and reason in a while, never with the request's headers.
 */
import type { Server as HttpServer, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Server as TlsServer } from 'node:tls';
import { type Logger, throttledWarn } from '../log.ts';

export interface ConnectionLimits {
  readonly headersTimeoutMs: number;
  readonly maxHeaderBytes: number;
  readonly tlsHandshakeTimeoutMs: number;
}

/** Options for node's createServer (HTTP and HTTPS alike). */
export function serverOptions(l: ConnectionLimits): ServerOptions {
  return {
    maxHeaderSize: l.maxHeaderBytes,
    headersTimeout: l.headersTimeoutMs,
    // Bodies are not timed here: a firmware upload on a slow link may take long, and is authenticated.
    requestTimeout: 0,
    // Node checks the headers deadline on this interval (30 s by default): a dribbler would get that much extra.
    connectionsCheckingInterval: Math.min(1000, l.headersTimeoutMs),
  };
}

const RESPONSES: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

const addressOf = (socket: Duplex): string | null => (socket as Partial<Socket>).remoteAddress ?? null;

/**
 * Logs what a listener refuses before a request exists. `answer` writes the refusal the way
 * Node would (431, 408, 400), for a server with no other clientError listener (Fastify has
 * its own, which answers the same codes).
 */
export function watchClientErrors(server: HttpServer | TlsServer, log: Logger, answer: boolean): void {
  const warn = throttledWarn(log.child({ component: 'listener' }));
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const code = err.code ?? 'unknown';
    if (code === 'ECONNRESET') return;
    const address = addressOf(socket);
    // An HTTPS server reports a failed TLS handshake (an old protocol version, a timeout) here too.
    if (/^ERR_(SSL|TLS)_/.test(code) || err.message.includes('TLS')) {
      warn(`${code} ${address}`, { address, code, why: err.message.slice(0, 200) }, 'TLS handshake refused');
      return socket.destroy();
    }
    warn(`${code} ${address}`, { address, code }, RESPONSES[code] ? `refused: ${RESPONSES[code]}` : 'refused: unreadable request');
    if (!answer || !socket.writable) return socket.destroy();
    socket.end(`HTTP/1.1 ${RESPONSES[code] ?? '400 Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
}
