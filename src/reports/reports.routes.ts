/**
 * REST: the reports (JSON or CSV, streamed), the uptime exclusions operators record, and a
 * refresh or rebuild of the rollups.
 */
import { Type, type TProperties, type TSchema } from 'typebox';
import { principalOf } from '../http/auth-hooks.ts';
import { ErrorBody, errorResponses, ListOf, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { csvStream, jsonStream } from './export.ts';
import { type ReportFilter, toFilter } from './filters.ts';
import {
  DistributionRow,
  EnergyRow,
  Exclusion,
  FaultRow,
  NewExclusion,
  PeakHourRow,
  ReportBody,
  ReportQuery,
  type ReportQueryInput,
  RevenueRow,
  SessionRow,
  SessionStatsRow,
  TopRow,
  UptimeRow,
  UtilisationRow,
} from './report.schemas.ts';
import type { Report } from './reports.service.ts';
import type { Reports } from './index.ts';

interface ReportSpec<Q> {
  path: string;
  id: string;
  summary: string;
  description: string;
  row: TSchema;
  query?: TProperties;
  run(f: ReportFilter, q: Q): Promise<Report>;
}

/** An optional query parameter taking one of some words (the first is the default). */
const oneOf = (name: string, ...values: string[]): TProperties => ({ [name]: Type.Optional(Type.Union(values.map((v) => Type.Literal(v)), { default: values[0] })) });

export function reportRoutes(app: App, reports: Reports): void {
  const tags = ['reports'];

  function report<Q extends object = object>(spec: ReportSpec<Q>): void {
    app.get(`/api/v1/reports/${spec.path}`, {
      config: { auth: 'reports:read' },
      schema: {
        tags,
        summary: spec.summary,
        description: `${spec.description} \`from\` is taken down and \`to\` up to the hour. \`format=csv\` answers a CSV file with a header row.`,
        querystring: Type.Object({ ...ReportQuery.properties, ...(spec.query ?? {}) }),
        response: { 200: ReportBody(spec.row, `${spec.id}Report`), ...errorResponses },
      },
      handler: async (req, reply) => {
        const q = req.query as ReportQueryInput & Q;
        const f = unwrap(toFilter(q, reports.timeZone, reports.isTimeZone));
        const result = await spec.run(f, q);
        if (q.format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${spec.path}-${f.from.toISOString().slice(0, 10)}-${f.to.toISOString().slice(0, 10)}.csv"`)
            .send(csvStream(result) as never);
        }
        return reply.type('application/json; charset=utf-8').send(jsonStream(f, result) as never);
      },
    });
  }

  const s = reports.service;
  report({ path: 'energy', id: 'Energy', summary: 'Energy delivered and sessions per period', description: 'Energy is counted in the hour it was delivered (spread between meter readings); sessions in the period they started.', row: EnergyRow, run: (f) => s.energy(f) });
  report<{ by?: 'station' | 'connector' }>({
    path: 'uptime',
    id: 'Uptime',
    summary: 'Uptime per station or connector (NEVI)',
    description: 'Uptime % = ((T - (T_outage - T_excluded)) / T) x 100 as 23 CFR 680.116(b) defines it, T being the time in service in the period. A port is down while its station is offline or it is Faulted or Unavailable; outage inside uptime exclusions is excluded.',
    row: UptimeRow,
    query: oneOf('by', 'station', 'connector'),
    run: (f, q) => s.uptime(f, q.by ?? 'station'),
  });
  report<{ by?: 'station' | 'connector' }>({
    path: 'utilisation',
    id: 'Utilisation',
    summary: 'Share of time each connector was occupied and charging',
    description: 'Occupied: a session ran or the connector said Occupied. Charging: a session was in the Charging state. Shares are of the time in service.',
    row: UtilisationRow,
    query: oneOf('by', 'connector', 'station'),
    run: (f, q) => s.utilisation(f, q.by ?? 'connector'),
  });
  report({ path: 'peak-hours', id: 'PeakHours', summary: 'Sessions and power by day of week and hour of day', description: 'Local time in `tz`; 168 rows.', row: PeakHourRow, run: (f) => s.peakHours(f) });
  report({ path: 'session-stats', id: 'SessionStats', summary: 'Session statistics: duration, energy, idle time', description: 'Completed sessions, by the period they started in. Idle time is time plugged in but not charging.', row: SessionStatsRow, run: (f) => s.sessionStats(f) });
  report<{ metric?: 'duration' | 'energy' | 'idle' }>({
    path: 'session-distribution',
    id: 'SessionDistribution',
    summary: 'How sessions spread over duration, energy or idle time',
    description: 'Completed sessions started in the range, counted per bin.',
    row: DistributionRow,
    query: oneOf('metric', 'duration', 'energy', 'idle'),
    run: (f, q) => s.distribution(f, q.metric ?? 'duration'),
  });
  report<{ by?: 'errorCode' | 'model' | 'station' }>({
    path: 'faults',
    id: 'Faults',
    summary: 'Faults and their downtime by error code, station model or station',
    description: 'A fault is a port becoming Faulted (or changing error code while Faulted); downtime is time Faulted while connected.',
    row: FaultRow,
    query: oneOf('by', 'errorCode', 'model', 'station'),
    run: (f, q) => s.faults(f, q.by ?? 'errorCode'),
  });
  report<{ by?: 'tariff' | 'paymentMethod' }>({
    path: 'revenue',
    id: 'Revenue',
    summary: 'Revenue excl. and incl. VAT by tariff or payment method',
    description: 'From CDRs, by the period their session ended in, per currency.',
    row: RevenueRow,
    query: oneOf('by', 'tariff', 'paymentMethod'),
    run: (f, q) => s.revenue(f, q.by ?? 'tariff'),
  });
  const limit = { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 10 })) };
  report<{ limit?: number }>({ path: 'top-drivers', id: 'TopDrivers', summary: 'Drivers by energy', description: 'Sessions started in the range.', row: TopRow, query: limit, run: (f, q) => s.top(f, 'driver', q.limit ?? 10) });
  report<{ limit?: number }>({ path: 'top-tokens', id: 'TopTokens', summary: 'Tokens by energy', description: 'Sessions started in the range.', row: TopRow, query: limit, run: (f, q) => s.top(f, 'token', q.limit ?? 10) });
  report({ path: 'sessions', id: 'Sessions', summary: 'Every session, for export', description: 'Sessions started in the range, oldest first, streamed.', row: SessionRow, run: (f) => s.sessions(f) });

  app.post('/api/v1/reports/refresh', {
    config: { auth: 'stations:write' },
    schema: {
      tags,
      summary: 'Bring the report rollups up to date now (rebuild=true: from scratch)',
      querystring: Type.Object({ rebuild: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ stations: Type.Integer(), from: Type.Union([Timestamp, Type.Null()]), ms: Type.Integer() }), ...errorResponses },
    },
    handler: async (req) => {
      const r = req.query.rebuild ? await reports.rollups.rebuildAll() : await reports.rollups.refresh({ scanSessions: true });
      return { stations: r.stations, from: r.from?.toISOString() ?? null, ms: r.ms };
    },
  });

  app.get('/api/v1/uptime-exclusions', {
    config: { auth: 'reports:read' },
    schema: {
      tags,
      summary: 'Uptime exclusions (maintenance windows and outages beyond the operator\'s control)',
      querystring: Type.Object({ stationId: Type.Optional(Type.String({ maxLength: 48 })), from: Type.Optional(Timestamp), to: Type.Optional(Timestamp) }),
      response: { 200: ListOf(Exclusion), ...errorResponses },
    },
    handler: async (req) => ({
      items: await reports.exclusions.list({ stationId: req.query.stationId, from: req.query.from ? new Date(req.query.from) : undefined, to: req.query.to ? new Date(req.query.to) : undefined }),
    }),
  });
  app.post('/api/v1/uptime-exclusions', {
    config: { auth: 'stations:write' },
    schema: { tags, summary: 'Record a maintenance window or another uptime exclusion', body: NewExclusion, response: { 201: Exclusion, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(unwrap(await reports.exclusions.create(req.body, principalOf(req).email))),
  });
  app.delete('/api/v1/uptime-exclusions/:id', {
    config: { auth: 'stations:write' },
    schema: { tags, summary: 'Remove an uptime exclusion', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 204: Type.Null(), 404: ErrorBody } },
    handler: async (req, reply) => {
      unwrap(await reports.exclusions.remove(req.params.id));
      return reply.status(204).send(null);
    },
  });
}
