/**
 * The group-commit writers of station reports (connector statuses, boots, connects and
 * disconnects): a few statements per batch of many stations, whatever the batch's size.
 */
import { sql } from 'drizzle-orm';
import type { BatchWriter, Tx } from '../db/group-commit.ts';
import { rowsOf } from '../db/rows.ts';
import type { BootInfo, StatusReport } from './types.ts';

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

export interface PresenceItem {
  stationId: string;
  node: string;
  at: Date;
  /** Connected: the OCPP version; disconnected: why, and the last sign of life. */
  connected: { version: string } | { reason: string; lastSeen: Date };
}

/**
 * Connects and disconnects of many stations: the registry rows and the presence history in
 * three statements. A disconnect counts only if this node still holds the station (another
 * may have taken over); a connect and disconnect of one station in one batch keep their order.
 */
export const presenceWriter: BatchWriter<PresenceItem, void> = {
  name: 'station-presence',
  async write(tx, items) {
    const ids = new Set(items.map((i) => i.stationId));
    if (ids.size !== items.length) {
      for (const item of items) await presenceWriter.write(tx, [item]);
      return items.map(() => undefined);
    }
    const ups = items.filter((i) => 'version' in i.connected);
    const downs = items.filter((i) => 'reason' in i.connected);
    const events: Array<{ stationId: string; connected: boolean; node: string; reason: string | null; at: Date }> = [];
    if (ups.length > 0) {
      const p = <T>(f: (i: PresenceItem) => T) => sql.param(ups.map(f));
      await tx.execute(sql`
        UPDATE stations AS s SET connected = true, ocpp_version = v.version, connected_node = v.node, connected_at = v.at, last_seen_at = v.at
        FROM unnest(${p((i) => i.stationId)}::text[], ${p((i) => (i.connected as { version: string }).version)}::text[],
                    ${p((i) => i.node)}::text[], ${p((i) => i.at.toISOString())}::timestamptz[]) AS v(id, version, node, at)
        WHERE s.id = v.id`);
      for (const i of ups) events.push({ stationId: i.stationId, connected: true, node: i.node, reason: null, at: i.at });
    }
    if (downs.length > 0) {
      const p = <T>(f: (i: PresenceItem) => T) => sql.param(downs.map(f));
      const res = await tx.execute(sql`
        UPDATE stations AS s SET connected = false, connected_node = NULL, disconnected_at = v.at,
          last_seen_at = greatest(s.last_seen_at, v.last_seen)
        FROM unnest(${p((i) => i.stationId)}::text[], ${p((i) => i.node)}::text[], ${p((i) => i.at.toISOString())}::timestamptz[],
                    ${p((i) => (i.connected as { lastSeen: Date }).lastSeen.toISOString())}::timestamptz[]) AS v(id, node, at, last_seen)
        WHERE s.id = v.id AND s.connected_node = v.node AND s.connected
        RETURNING s.id`);
      const released = new Set(rowsOf<{ id: string }>(res).map((r) => r.id));
      for (const i of downs) {
        if (released.has(i.stationId)) events.push({ stationId: i.stationId, connected: false, node: i.node, reason: (i.connected as { reason: string }).reason, at: i.at });
      }
    }
    if (events.length > 0) {
      const p = <T>(f: (e: (typeof events)[number]) => T) => sql.param(events.map(f));
      await tx.execute(sql`
        INSERT INTO station_presence_events (station_id, connected, node, reason, at)
        SELECT * FROM unnest(${p((e) => e.stationId)}::text[], ${p((e) => e.connected)}::boolean[], ${p((e) => e.node)}::text[],
                             ${p((e) => e.reason)}::text[], ${p((e) => e.at.toISOString())}::timestamptz[])`);
    }
    return items.map(() => undefined);
  },
};

export interface BootItem {
  stationId: string;
  info: BootInfo;
  at: Date;
}

/** Boot notifications of many stations in one statement. */
export const bootWriter: BatchWriter<BootItem, void> = {
  name: 'station-boot',
  async write(tx, items) {
    const p = <T>(f: (i: BootItem) => T) => sql.param(items.map(f));
    const opt = (f: (i: BootInfo) => string | undefined) => p((i) => f(i.info) ?? null);
    await tx.execute(sql`
      UPDATE stations AS s SET vendor = v.vendor, model = v.model, serial_number = v.serial_number, firmware_version = v.firmware_version,
        iccid = v.iccid, imsi = v.imsi, meter_type = v.meter_type, meter_serial_number = v.meter_serial_number,
        last_boot_at = v.at, last_boot_reason = v.reason, boot_count = s.boot_count + v.boots, last_seen_at = v.at, updated_at = now()
      FROM (SELECT *, count(*) OVER (PARTITION BY id) AS boots, row_number() OVER (PARTITION BY id ORDER BY at DESC) AS latest
            FROM unnest(${p((i) => i.stationId)}::text[], ${p((i) => i.info.vendor)}::text[], ${p((i) => i.info.model)}::text[],
                        ${opt((i) => i.serialNumber)}::text[], ${opt((i) => i.firmwareVersion)}::text[], ${opt((i) => i.iccid)}::text[],
                        ${opt((i) => i.imsi)}::text[], ${opt((i) => i.meterType)}::text[], ${opt((i) => i.meterSerialNumber)}::text[],
                        ${opt((i) => i.reason)}::text[], ${p((i) => i.at.toISOString())}::timestamptz[])
              AS u(id, vendor, model, serial_number, firmware_version, iccid, imsi, meter_type, meter_serial_number, reason, at)) AS v
      WHERE s.id = v.id AND v.latest = 1`);
    return items.map(() => undefined);
  },
};
