/**
 * The group-commit writers of station reports: connector statuses of many stations in two
 * statements per batch (history, then current status), whatever the batch's size.
 */
import { sql } from 'drizzle-orm';
import type { BatchWriter, Tx } from '../db/group-commit.ts';
import { rowsOf } from '../db/rows.ts';
import type { StatusReport } from './types.ts';

export interface StatusItem {
  stationId: string;
  report: StatusReport;
}

const keyOf = (stationId: string, evseId: number, connectorId: number) => `${stationId}\u0000${evseId}\u0000${connectorId}`;

/** The same columns of both tables, as arrays for unnest. */
function columns(items: StatusItem[]) {
  const p = <T>(f: (i: StatusItem) => T) => sql.param(items.map(f));
  return sql`
    ${p((i) => i.stationId)}::text[], ${p((i) => i.report.evseId)}::int[], ${p((i) => i.report.connectorId)}::int[],
    ${p((i) => i.report.status)}::text[], ${p((i) => i.report.rawStatus)}::text[], ${p((i) => i.report.errorCode ?? null)}::text[],
    ${p((i) => i.report.vendorErrorCode ?? null)}::text[], ${p((i) => i.report.info ?? null)}::text[],
    ${p((i) => i.report.at.toISOString())}::timestamptz[]`;
}

/**
 * Appends each report to the history and stores it as the current status unless a later one
 * is stored (statuses replayed after an outage arrive late). Returns whether each changed
 * the current status.
 */
async function writeStatuses(tx: Tx, items: StatusItem[]): Promise<boolean[]> {
  await tx.execute(sql`
    INSERT INTO connector_status_events (station_id, evse_id, connector_id, status, raw_status, error_code, vendor_error_code, info, at)
    SELECT * FROM unnest(${columns(items)})`);
  const res = await tx.execute(sql`
    INSERT INTO connectors (station_id, evse_id, connector_id, status, raw_status, error_code, vendor_error_code, info, status_at)
    SELECT * FROM unnest(${columns(items)})
    ON CONFLICT (station_id, evse_id, connector_id) DO UPDATE SET
      status = excluded.status, raw_status = excluded.raw_status, error_code = excluded.error_code,
      vendor_error_code = excluded.vendor_error_code, info = excluded.info, status_at = excluded.status_at, updated_at = now()
    WHERE connectors.status_at <= excluded.status_at
    RETURNING station_id, evse_id, connector_id`);
  const changed = new Set(rowsOf<{ station_id: string; evse_id: number; connector_id: number }>(res).map((r) => keyOf(r.station_id, r.evse_id, r.connector_id)));
  return items.map((i) => changed.has(keyOf(i.stationId, i.report.evseId, i.report.connectorId)));
}

export const statusWriter: BatchWriter<StatusItem, boolean> = {
  name: 'connector-status',
  async write(tx, items) {
    // One statement cannot update a row twice: the same connector twice in a batch goes one report at a time.
    const keys = new Set(items.map((i) => keyOf(i.stationId, i.report.evseId, i.report.connectorId)));
    if (keys.size === items.length) return writeStatuses(tx, items);
    const out: boolean[] = [];
    for (const item of items) out.push(...(await writeStatuses(tx, [item])));
    return out;
  },
};
