/**
 * The device model of each station: what it reports (2.x NotifyReport after GetBaseReport),
 * what it answers (GetVariables, 1.6 GetConfiguration), what was set (SetVariables, 1.6
 * ChangeConfiguration), and its variable monitors. Commands go through the CommandPort; the
 * station's answers are kept, so operators can browse a station's settings without asking it.
 */
import type { Clock } from '../clock.ts';
import type { CommandOutcome, CommandPort, Commands, MonitorSpec, SettingRef, SettingValue } from '../commands/index.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { MonitorReportItem, ReportItem, VariablePath } from '../maintenance/inbox.ts';
import { nextRequestId } from '../maintenance/request-id.ts';
import { createDeviceModelRepo, type InventoryFilter, type NewVariable } from './device-model.repo.ts';
import { variableKey } from './variable-key.ts';

export interface DeviceModelDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  commands: () => CommandPort;
}

const pathOf = (s: SettingRef): VariablePath => ({ ...s, component: s.component ?? null });

function row(stationId: string, p: VariablePath, attribute: string, source: string, at: Date, more: Partial<NewVariable> = {}): NewVariable {
  return {
    stationId,
    key: variableKey(p, attribute),
    component: p.component,
    componentInstance: p.componentInstance ?? null,
    evseId: p.evseId ?? null,
    connectorId: p.connectorId ?? null,
    variable: p.variable,
    variableInstance: p.variableInstance ?? null,
    attribute,
    source,
    updatedAt: at,
    ...more,
  };
}

/** A status that means the value now stands (2.x RebootRequired: it stands after the reboot). */
const settled = (status: string) => status === 'Accepted' || status === 'RebootRequired';

export function createDeviceModelService(deps: DeviceModelDeps) {
  const repo = createDeviceModelRepo(deps.db);
  const now = () => deps.clock.now();

  return {
    repo,

    /** 2.x GetBaseReport; the answer's parts arrive by NotifyReport. */
    async requestBaseReport(stationId: string, reportBase: Commands['GetBaseReport']['request']['reportBase'], by: string) {
      const requestId = await nextRequestId(deps.db);
      await repo.insertReport({ requestId, stationId, kind: reportBase, status: 'Requested', requestedBy: by, requestedAt: now() });
      const outcome = await deps.commands().send(stationId, 'GetBaseReport', { requestId, reportBase });
      await repo.setReportStatus(requestId, outcome.ok ? outcome.reply.status : `Failed: ${outcome.reason}`, outcome.ok && outcome.reply.status === 'Accepted' ? undefined : now());
      return { outcome, requestId };
    },

    async requestMonitoringReport(stationId: string, settings: SettingRef[] | undefined, by: string) {
      const requestId = await nextRequestId(deps.db);
      await repo.insertReport({ requestId, stationId, kind: 'Monitoring', status: 'Requested', requestedBy: by, requestedAt: now() });
      const outcome = await deps.commands().send(stationId, 'GetMonitoringReport', { requestId, settings });
      await repo.setReportStatus(requestId, outcome.ok ? outcome.reply.status : `Failed: ${outcome.reason}`, outcome.ok && outcome.reply.status === 'Accepted' ? undefined : now());
      return { outcome, requestId };
    },

    async ingestReport(stationId: string, r: { requestId: number; tbc: boolean; items: ReportItem[]; at: Date }): Promise<void> {
      const at = now();
      const rows = r.items.flatMap((item) =>
        item.attributes.map((a) =>
          row(stationId, item, a.attribute, 'report', at, {
            value: a.value ?? null,
            mutability: a.mutability ?? null,
            persistent: a.persistent ?? null,
            constant: a.constant ?? null,
            dataType: item.characteristics?.dataType ?? null,
            unit: item.characteristics?.unit ?? null,
            minLimit: item.characteristics?.minLimit === undefined ? null : String(item.characteristics.minLimit),
            maxLimit: item.characteristics?.maxLimit === undefined ? null : String(item.characteristics.maxLimit),
            valuesList: item.characteristics?.valuesList ?? null,
            supportsMonitoring: item.characteristics?.supportsMonitoring ?? null,
          }),
        ),
      );
      await repo.upsertVariables(rows);
      await repo.reportPart(stationId, r.requestId, rows.length, !r.tbc, at);
    },

    async ingestMonitoringReport(stationId: string, r: { requestId: number; tbc: boolean; monitors: MonitorReportItem[] }): Promise<void> {
      const at = now();
      await repo.upsertMonitors(
        r.monitors.map((m) => ({
          stationId,
          monitorId: m.monitorId,
          variableKey: variableKey(m),
          component: m.component,
          variable: m.variable,
          type: m.type,
          severity: m.severity,
          value: String(m.value),
          transaction: m.transaction,
          updatedAt: at,
        })),
      );
      await repo.reportPart(stationId, r.requestId, r.monitors.length, !r.tbc, at);
    },

    /** Reads settings from the station and keeps what it answered. */
    async get(stationId: string, settings: SettingRef[] | undefined): Promise<CommandOutcome<{ items: SettingValue[] }>> {
      const outcome = await deps.commands().send(stationId, 'GetConfiguration', { settings });
      if (outcome.ok) {
        const at = now();
        await repo.upsertVariables(
          outcome.reply.items
            .filter((i) => i.status === 'Accepted')
            .map((i) =>
              row(stationId, pathOf(i), i.attribute ?? 'Actual', 'get', at, {
                value: i.value ?? null,
                ...(i.readonly !== undefined ? { mutability: i.readonly ? 'ReadOnly' : 'ReadWrite' } : {}),
              }),
            ),
        );
      }
      return outcome;
    },

    /** Sets each setting in turn (1.6 takes one key per call); the first failure to reach the station ends the run. */
    async set(stationId: string, settings: Array<{ setting: SettingRef; value: string }>) {
      const results: Array<SettingRef & { status: string; info?: string | undefined }> = [];
      for (const s of settings) {
        const outcome = await deps.commands().send(stationId, 'SetConfiguration', s);
        if (!outcome.ok) return { ok: false as const, outcome, results };
        results.push({ ...s.setting, status: outcome.reply.status, ...(outcome.reply.info ? { info: outcome.reply.info } : {}) });
        if (settled(outcome.reply.status)) {
          await repo.upsertVariables([row(stationId, pathOf(s.setting), s.setting.attribute ?? 'Actual', 'set', now(), { value: s.value })]);
        }
      }
      return { ok: true as const, results };
    },

    async setMonitoring(stationId: string, monitors: MonitorSpec[]) {
      const outcome = await deps.commands().send(stationId, 'SetVariableMonitoring', { monitors });
      if (outcome.ok) {
        const at = now();
        const byIndex = monitors;
        await repo.upsertMonitors(
          outcome.reply.results
            .map((r, i) => ({ r, spec: byIndex[i] }))
            .filter(({ r, spec }) => r.status === 'Accepted' && r.id !== undefined && spec)
            .map(({ r, spec }) => ({
              stationId,
              monitorId: r.id!,
              variableKey: variableKey(pathOf(spec!.setting)),
              component: spec!.setting.component ?? '',
              variable: spec!.setting.variable,
              type: spec!.type,
              severity: spec!.severity,
              value: String(spec!.value),
              transaction: spec!.transaction ?? false,
              updatedAt: at,
            })),
        );
      }
      return outcome;
    },

    async clearMonitoring(stationId: string, ids: number[]) {
      const outcome = await deps.commands().send(stationId, 'ClearVariableMonitoring', { ids });
      if (outcome.ok) await repo.removeMonitors(stationId, outcome.reply.results.filter((r) => r.status === 'Accepted' || r.status === 'NotFound').map((r) => r.id));
      return outcome;
    },

    inventory: (stationId: string, f: InventoryFilter) => repo.inventory(stationId, f),
    reports: (stationId: string) => repo.reports(stationId),
    monitors: (stationId: string) => repo.monitors(stationId),
  };
}

export type DeviceModelService = ReturnType<typeof createDeviceModelService>;
