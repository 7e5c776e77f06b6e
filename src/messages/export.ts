/**
 * A station's OCPP log as a stream of CSV or NDJSON, read page by page (keyset by id), so an
 * export of millions of frames holds one page in memory at a time.
 */
import type { MessageQuery, MessageRow } from './message-log.repo.ts';

export type ExportFormat = 'csv' | 'ndjson';

const PAGE = 1000;
const columns = ['id', 'at', 'direction', 'messageType', 'messageId', 'action', 'errorCode', 'payload'] as const;

/** RFC 4180: quote every field that needs it, doubling quotes inside. */
const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const record = (r: MessageRow) => ({
  id: r.id,
  at: r.at.toISOString(),
  direction: r.direction,
  messageType: r.messageType,
  messageId: r.messageId,
  action: r.action,
  errorCode: r.errorCode,
  payload: r.payload,
});

export async function* exportLines(search: (q: MessageQuery) => Promise<MessageRow[]>, q: Omit<MessageQuery, 'limit' | 'beforeId'>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield `${columns.join(',')}\r\n`;
  let beforeId: number | undefined;
  for (;;) {
    const rows = await search({ ...q, beforeId, byId: true, limit: PAGE });
    for (const r of rows) {
      const o = record(r);
      yield format === 'csv' ? `${columns.map((c) => cell(o[c])).join(',')}\r\n` : `${JSON.stringify(o)}\n`;
    }
    if (rows.length < PAGE) return;
    beforeId = rows.at(-1)!.id;
  }
}
