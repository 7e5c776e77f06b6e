/**
 * The reports the console shows, each as a chart: which endpoint, how its rows are labelled
 * on the x axis, and which numbers are drawn. Tables show every column the server lists.
 */
import type { Strings } from '../../i18n/strings/en.ts';

export type Row = Record<string, unknown>;

export interface ReportSeries {
  key: string;
  label: (s: Strings) => string;
  /** Values are divided by this for the chart (Wh → kWh). */
  divide?: number;
  unit: string;
  color: string;
}

export interface ReportDef {
  id: string;
  label: (s: Strings) => string;
  /** By period (groupBy applies) or by a row label. */
  x: 'period' | ((r: Row) => string);
  groupBy: boolean;
  series: ReportSeries[];
  /** Extra query the report needs (e.g. which way to group). */
  query?: Record<string, string>;
}

const wh = (label: (s: Strings) => string, color = '#0b7fab'): ReportSeries => ({ key: 'energyWh', label, divide: 1000, unit: 'kWh', color });
const sessions: ReportSeries = { key: 'sessions', label: (s) => s.reports.sessions, unit: '', color: '#e07b00' };
const station = (r: Row) => [r.stationId, r.evseId !== undefined && r.evseId !== null ? `${r.evseId}/${r.connectorId}` : ''].filter(Boolean).join(' ');

export const reports: ReportDef[] = [
  { id: 'energy', label: (s) => s.reports.energy, x: 'period', groupBy: true, series: [wh((s) => s.reports.energy), sessions] },
  {
    id: 'revenue',
    label: (s) => s.reports.revenue,
    x: 'period',
    groupBy: true,
    series: [{ key: 'totalInclVat', label: (s) => s.reports.revenueInclVat, unit: '', color: '#1f7a3d' }, sessions],
  },
  {
    id: 'uptime',
    label: (s) => s.reports.uptime,
    x: station,
    groupBy: false,
    query: { by: 'station' },
    series: [{ key: 'uptimePercent', label: (s) => s.reports.uptimePercent, unit: '%', color: '#1f7a3d' }],
  },
  {
    id: 'utilisation',
    label: (s) => s.reports.utilisation,
    x: station,
    groupBy: false,
    query: { by: 'station' },
    series: [
      { key: 'occupiedPercent', label: (s) => s.reports.occupiedPercent, unit: '%', color: '#0b7fab' },
      { key: 'chargingPercent', label: (s) => s.reports.chargingPercent, unit: '%', color: '#e07b00' },
    ],
  },
  {
    id: 'peak-hours',
    label: (s) => s.reports.peakHours,
    x: (r) => `${['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][Number(r.dayOfWeek)] ?? r.dayOfWeek} ${String(r.hour).padStart(2, '0')}`,
    groupBy: false,
    series: [sessions, { key: 'avgPowerW', label: (s) => s.reports.avgPower, divide: 1000, unit: 'kW', color: '#0b7fab' }],
  },
  { id: 'session-stats', label: (s) => s.reports.sessionStats, x: 'period', groupBy: true, series: [sessions, { key: 'energyAvgWh', label: (s) => s.reports.energyAvg, divide: 1000, unit: 'kWh', color: '#0b7fab' }] },
  { id: 'session-distribution', label: (s) => s.reports.distribution, x: (r) => String(r.bin), groupBy: false, series: [sessions] },
  { id: 'faults', label: (s) => s.reports.faults, x: (r) => String(r.errorCode ?? '—'), groupBy: false, series: [{ key: 'faults', label: (s) => s.reports.faults, unit: '', color: '#b3261e' }] },
  { id: 'top-drivers', label: (s) => s.reports.topDrivers, x: (r) => String(r.email ?? r.name ?? r.tokenUid), groupBy: false, series: [wh((s) => s.reports.energy)] },
  { id: 'top-tokens', label: (s) => s.reports.topTokens, x: (r) => String(r.tokenUid), groupBy: false, series: [wh((s) => s.reports.energy)] },
  { id: 'sessions', label: (s) => s.reports.sessionExport, x: (r) => String(r.startedAt).slice(0, 16), groupBy: false, series: [wh((s) => s.reports.energy)] },
];
