/**
 * The station and connector commands, each one declarative entry: the station page's toolbar,
 * the stations list's row menus, the connector rows and the Ctrl+K palette all offer these.
 */
import { defineActions, type Scopes } from '../../actions/registry.ts';
import { api, ok, type Schemas } from '../../api/client.ts';
import type { Strings } from '../../i18n/strings/en.ts';

const id = (stationId: string) => ({ path: { id: stationId } });
const outcome = (s: Strings, r: { status: string; info?: string }) => s.stations.commandOutcome(r.status, r.info);
const online = (c: { connected: boolean }) => c.connected;

export function stationContext(st: Schemas['Station']): Scopes['station'] {
  return { stationId: st.id, connected: st.connected, ocppVersion: st.ocppVersion, evses: st.connectors.map((c) => ({ evseId: c.evseId, connectorId: c.connectorId })) };
}


defineActions<'station'>([
  {
    name: 'station.reset',
    scope: 'station',
    label: (s) => s.stations.cmd.reset,
    permission: 'stations:command',
    available: online,
    fields: [{ name: 'type', kind: 'select', label: (s) => s.stations.cmd.resetType, options: (s) => [{ value: 'Soft', label: s.stations.cmd.soft }, { value: 'Hard', label: s.stations.cmd.hard }] }],
    confirm: (s, ctx, i) => s.stations.cmd.confirmReset(ctx.stationId, i.type === 'Hard' ? s.stations.cmd.hard : s.stations.cmd.soft),
    run: async (ctx, i, s) => outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/reset', { params: id(ctx.stationId), body: { type: i.type === 'Hard' ? 'Hard' : 'Soft' } }))),
  },
  {
    name: 'station.remote-start',
    scope: 'station',
    label: (s) => s.stations.cmd.remoteStart,
    permission: 'sessions:write',
    available: online,
    fields: [
      { name: 'tokenUid', kind: 'text', label: (s) => s.stations.cmd.tokenUid, required: true },
      { name: 'evseId', kind: 'number', label: () => 'EVSE', initial: '1' },
    ],
    run: async (ctx, i, s) =>
      outcome(s, await ok(api.POST('/api/v1/stations/{id}/remote-start', { params: id(ctx.stationId), body: { tokenUid: i.tokenUid ?? '', ...(i.evseId ? { evseId: Number(i.evseId) } : {}) } }))),
  },
  {
    name: 'station.availability',
    scope: 'station',
    label: (s) => s.stations.cmd.availability,
    permission: 'stations:command',
    available: online,
    fields: [
      { name: 'availability', kind: 'select', label: (s) => s.stations.cmd.availability, options: (s) => [{ value: 'Inoperative', label: s.stations.cmd.inoperative }, { value: 'Operative', label: s.stations.cmd.operative }] },
    ],
    confirm: (s, ctx, i) => (i.availability === 'Inoperative' ? s.stations.cmd.confirmInoperative(ctx.stationId) : ''),
    run: async (ctx, i, s) =>
      outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/change-availability', { params: id(ctx.stationId), body: { availability: i.availability === 'Operative' ? 'Operative' : 'Inoperative' } }))),
  },
  {
    name: 'station.trigger',
    scope: 'station',
    label: (s) => s.stations.cmd.trigger,
    permission: 'stations:command',
    available: online,
    fields: [
      {
        name: 'message',
        kind: 'select',
        label: (s) => s.stations.cmd.message,
        options: () => ['StatusNotification', 'BootNotification', 'Heartbeat', 'MeterValues', 'FirmwareStatusNotification', 'LogStatusNotification'].map((m) => ({ value: m, label: m })),
      },
    ],
    run: async (ctx, i, s) =>
      outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/trigger-message', { params: id(ctx.stationId), body: { message: i.message as 'Heartbeat' } }))),
  },
  {
    name: 'station.clear-cache',
    scope: 'station',
    label: (s) => s.stations.cmd.clearCache,
    permission: 'stations:command',
    available: online,
    confirm: (s, ctx) => s.stations.cmd.confirmClearCache(ctx.stationId),
    run: async (ctx, _i, s) => outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/clear-cache', { params: id(ctx.stationId) }))),
  },
  {
    name: 'station.base-report',
    scope: 'station',
    label: (s) => s.stations.cmd.baseReport,
    permission: 'stations:command',
    available: (c) => c.connected && c.ocppVersion !== '1.6',
    fields: [{ name: 'reportBase', kind: 'select', label: (s) => s.stations.cmd.reportBase, options: () => ['FullInventory', 'ConfigurationInventory', 'SummaryInventory'].map((v) => ({ value: v, label: v })) }],
    run: async (ctx, i, s) =>
      outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/get-base-report', { params: id(ctx.stationId), body: { reportBase: i.reportBase as 'FullInventory' } }))),
  },
  {
    name: 'station.get-log',
    scope: 'station',
    label: (s) => s.stations.cmd.getLog,
    permission: 'stations:command',
    available: online,
    fields: [{ name: 'logType', kind: 'select', label: (s) => s.stations.cmd.logType, options: () => ['Diagnostics', 'Security'].map((v) => ({ value: v, label: v })) }],
    run: async (ctx, i, s) => {
      const r = await ok(api.POST('/api/v1/stations/{id}/commands/get-log', { params: id(ctx.stationId), body: { logType: i.logType === 'Security' ? 'Security' : 'Diagnostics' } }));
      return outcome(s, r);
    },
  },
  {
    name: 'station.update-firmware',
    scope: 'station',
    label: (s) => s.stations.cmd.updateFirmware,
    permission: 'firmware:write',
    available: online,
    fields: [{ name: 'imageId', kind: 'text', label: (s) => s.stations.cmd.imageId, required: true }],
    confirm: (s, ctx) => s.stations.cmd.confirmFirmware(ctx.stationId),
    run: async (ctx, i, s) => outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/update-firmware', { params: id(ctx.stationId), body: { imageId: i.imageId ?? '' } }))),
  },
  {
    name: 'station.delete',
    scope: 'station',
    label: (s) => s.stations.cmd.remove,
    permission: 'stations:write',
    confirm: (s, ctx) => s.stations.cmd.confirmRemove(ctx.stationId),
    run: async (ctx, _i, s) => {
      await ok(api.DELETE('/api/v1/stations/{id}', { params: id(ctx.stationId) }));
      return s.stations.cmd.removed(ctx.stationId);
    },
  },
]);

defineActions<'connector'>([
  {
    name: 'connector.unlock',
    scope: 'connector',
    label: (s) => s.stations.cmd.unlock,
    permission: 'stations:command',
    available: online,
    confirm: (s, c) => s.stations.cmd.confirmUnlock(c.stationId, c.evseId, c.connectorId),
    run: async (c, _i, s) =>
      outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/unlock-connector', { params: id(c.stationId), body: { evseId: c.evseId, connectorId: c.connectorId } }))),
  },
  {
    name: 'connector.inoperative',
    scope: 'connector',
    label: (s) => s.stations.cmd.inoperative,
    permission: 'stations:command',
    available: online,
    confirm: (s, c) => s.stations.cmd.confirmInoperative(`${c.stationId} ${c.evseId}/${c.connectorId}`),
    run: async (c, _i, s) =>
      outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/change-availability', { params: id(c.stationId), body: { availability: 'Inoperative', evseId: c.evseId, connectorId: c.connectorId } }))),
  },
  {
    name: 'connector.operative',
    scope: 'connector',
    label: (s) => s.stations.cmd.operative,
    permission: 'stations:command',
    available: online,
    run: async (c, _i, s) =>
      outcome(s, await ok(api.POST('/api/v1/stations/{id}/commands/change-availability', { params: id(c.stationId), body: { availability: 'Operative', evseId: c.evseId, connectorId: c.connectorId } }))),
  },
  {
    name: 'connector.remote-start',
    scope: 'connector',
    label: (s) => s.stations.cmd.remoteStart,
    permission: 'sessions:write',
    available: online,
    fields: [{ name: 'tokenUid', kind: 'text', label: (s) => s.stations.cmd.tokenUid, required: true }],
    run: async (c, i, s) => outcome(s, await ok(api.POST('/api/v1/stations/{id}/remote-start', { params: id(c.stationId), body: { tokenUid: i.tokenUid ?? '', evseId: c.evseId } }))),
  },
]);

