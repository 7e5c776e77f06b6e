/**
 * A plain `ws` socket that sends whatever text or bytes a test gives it and matches the
 * server's answers by message id: for frames no OCPP client library would send.
 */
import { WebSocket } from 'ws';

/** Resolves when the socket is open; rejects with the HTTP status when the upgrade is refused. */
export function opened(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

export interface FrameSocket {
  ws: WebSocket;
  /** Sends a CALL-shaped text (or raw bytes) and waits for the frame answering `id`; null when none comes within `ms`. */
  ask(id: string, data: string | Buffer, ms?: number): Promise<unknown[] | null>;
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function openFrameSocket(url: string, protocols: string[], opts: Record<string, unknown> = {}): Promise<FrameSocket> {
  const ws = new WebSocket(url, protocols, { maxPayload: 256 * 1024 * 1024, ...opts });
  const waiting = new Map<string, (frame: unknown[]) => void>();
  ws.on('message', (d) => {
    const frame = JSON.parse(d.toString()) as unknown[];
    waiting.get(String(frame[1]))?.(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await opened(ws);
  return {
    ws,
    closed,
    ask: (id, data, ms = 10_000) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, ms);
        waiting.set(id, (frame) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(frame);
        });
        ws.send(data);
      }),
    close: () => ws.close(),
  };
}

/** What an upgrade is answered with: the HTTP status (and body, headers) of a refusal, or 101. */
export function upgradeStatus(
  url: string,
  protocols: string[] = [],
  headers: Record<string, string> = {},
  opts: Record<string, unknown> = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers, ...opts });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, body: '', headers: {} });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    ws.once('error', (err) => {
      if (!ws.listenerCount('unexpected-response')) reject(err);
    });
  });
}
