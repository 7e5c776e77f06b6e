/**
 * The per-station OCPP message log. Frames are buffered in memory and written in batches
 * off the socket's path: logging never delays an answer to a station. If the database
 * cannot keep up, the oldest buffered entries are dropped and counted, never the traffic.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { dbErrorOf } from '../errors.ts';
import { redactSecrets } from '../audit/index.ts';
import type { Logger } from '../log.ts';
import { createMessageLogRepo, type MessageQuery, type NewMessage } from './message-log.repo.ts';

export interface MessageEntry {
  stationId: string;
  direction: 'in' | 'out';
  messageType: number;
  messageId: string;
  action: string | null;
  payload: unknown;
  errorCode: string | null;
  at: Date;
}

/**
 * PostgreSQL's jsonb cannot hold U+0000; a station can send it inside a string. When a batch
 * is refused for it, the entries are retried one by one with U+0000 stored as U+FFFD, so
 * only such batches pay for the rewrite.
 */
function storable(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return typeof payload === 'string' ? payload.replaceAll('\u0000', '\ufffd') : payload;
  const text = JSON.stringify(payload);
  return text.includes('\\u0000') ? JSON.parse(text.replaceAll('\\u0000', '\\ufffd')) : payload;
}

/**
 * Actions whose frames can carry a station's credential (AuthorizationKey, BasicAuthPassword):
 * their payloads are logged with it replaced. Only these are walked: the log is on the hot path.
 */
const credentialActions = new Set(['ChangeConfiguration', 'GetConfiguration', 'SetVariables', 'GetVariables', 'SetNetworkProfile']);

export interface MessageSink {
  record(entry: MessageEntry): void;
}

export interface MessageLogDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  flushMs?: number;
  maxBuffered?: number;
}

export function createMessageLog(deps: MessageLogDeps) {
  const repo = createMessageLogRepo(deps.db);
  const maxBuffered = deps.maxBuffered ?? 50_000;
  let buffer: NewMessage[] = [];
  let dropped = 0;
  let flushing: Promise<void> | null = null;
  let flushTimer: NodeJS.Timeout | undefined;

  /** Writes a batch; when one entry is refused as data (SQLSTATE class 22), the others are still written. */
  async function writeBatch(batch: NewMessage[]): Promise<void> {
    try {
      await repo.insertMany(batch);
    } catch (err) {
      if (!dbErrorOf(err)?.code.startsWith('22') || batch.length === 1) throw err;
      for (const row of batch) {
        await repo.insertMany([{ ...row, payload: storable(row.payload) }]).catch((e: unknown) => {
          dropped++;
          deps.log.warn({ err: e, stationId: row.stationId, messageId: row.messageId }, 'OCPP message log entry refused');
        });
      }
    }
  }

  async function writeOut(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.splice(0, 1000);
      try {
        await writeBatch(batch);
      } catch (err) {
        deps.log.warn({ err, entries: batch.length }, 'could not write OCPP message log entries; dropped');
        dropped += batch.length;
        return;
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= writeOut().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  return {
    record(e: MessageEntry): void {
      if (buffer.length >= maxBuffered) {
        // Drop the oldest tenth at once: shifting one entry per frame off a full buffer costs O(n) each time.
        const n = Math.ceil(maxBuffered / 10);
        buffer.splice(0, n);
        dropped += n;
      }
      buffer.push((e.action && credentialActions.has(e.action) ? { ...e, payload: redactSecrets(e.payload) } : e) as NewMessage);
    },
    flush,
    search: (q: MessageQuery) => repo.search(q),
    get dropped() {
      return dropped;
    },
    start(): void {
      flushTimer = setInterval(() => void flush(), deps.flushMs ?? 250);
      flushTimer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(flushTimer);
      await flush();
    },
  };
}

export type MessageLog = ReturnType<typeof createMessageLog> & MessageSink;
