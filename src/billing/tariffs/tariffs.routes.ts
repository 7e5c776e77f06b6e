/** REST: tariffs (OCPI 2.2.1-shaped) and where they apply. */
import { Type } from 'typebox';
import type { Clock } from '../../clock.ts';
import { principalOf } from '../../http/auth-hooks.ts';
import { ErrorBody, errorResponses, ListOf } from '../../http/schemas.ts';
import type { App } from '../../http/types.ts';
import { AppError } from '../../errors.ts';
import { unwrap } from '../../result.ts';
import { SessionCost } from '../../sessions/index.ts';
import { StationIdParam } from '../../stations/station.schemas.ts';
import { IdParam } from '../billing.schemas.ts';
import { costView } from '../rating/cost-view.ts';
import { price } from '../pricing/engine.ts';
import { exampleTimeline } from '../pricing/preview.ts';
import { normalizeBody, parseTariff } from '../pricing/tariff.ts';
import type { AssignmentScope } from './tariff.repo.ts';
import { NewTariff, Tariff, TariffIdBody } from './tariff.schemas.ts';
import type { TariffService } from './tariff.service.ts';

export interface TariffRouteDeps {
  tariffs: TariffService;
  clock: Clock;
  stationExists(id: string): Promise<boolean>;
  siteExists(id: string): Promise<boolean>;
  placeOf(stationId: string): Promise<{ siteId: string | null; timeZone: string }>;
  /** Where an example session without a zone is priced (BILLING_TIME_ZONE). */
  timeZone: string;
}

const PreviewBody = Type.Object(
  {
    tariff: NewTariff,
    session: Type.Object(
      {
        startAt: Type.String({ format: 'date-time', description: 'When the example session starts' }),
        chargingMin: Type.Integer({ minimum: 0, maximum: 10_080 }),
        parkingMin: Type.Integer({ minimum: 0, maximum: 10_080, default: 0 }),
        energyWh: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
        timeZone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA zone of local-time restrictions (default BILLING_TIME_ZONE)' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Assignment = Type.Object({ scope: Type.String(), target: Type.String(), tariffId: Type.String() });

export function tariffRoutes(app: App, deps: TariffRouteDeps): void {
  const tags = ['tariffs'];
  const { tariffs } = deps;

  app.post('/api/v1/tariffs', {
    config: { auth: 'billing:write' },
    schema: {
      tags,
      summary: 'Create a tariff',
      description: 'An OCPI 2.2.1 Tariff body (currency, elements of price_components with type, price excl. VAT, vat %, step_size; optional restrictions, min_price, max_price). `"default": true` makes it the tariff of every session nothing else prices.',
      body: NewTariff,
      response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }), ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(unwrap(await tariffs.create(req.body, principalOf(req).id))),
  });

  app.post('/api/v1/tariffs/preview', {
    config: { auth: 'billing:read' },
    schema: {
      tags,
      summary: 'Price an example session with a tariff that need not be saved',
      description: 'The session charges for `chargingMin` minutes drawing `energyWh` evenly, then stays plugged in for `parkingMin` minutes. Priced by the same engine as real sessions.',
      body: PreviewBody,
      response: { 200: SessionCost, ...errorResponses },
    },
    handler: async (req) => {
      const parsed = parseTariff('preview', normalizeBody(req.body.tariff as never));
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', `Tariff: ${parsed.message}.`);
      const { startAt, chargingMin, parkingMin, energyWh } = req.body.session;
      const timeZone = req.body.session.timeZone ?? deps.timeZone;
      try {
        new Intl.DateTimeFormat('en', { timeZone });
      } catch {
        throw new AppError('VALIDATION_FAILED', `session.timeZone ${timeZone} is not an IANA time zone.`);
      }
      const timeline = exampleTimeline({ startAt: new Date(startAt), chargingMin, parkingMin, energyWh, timeZone });
      return costView(price(parsed.tariff, timeline), true);
    },
  });

  app.get('/api/v1/tariffs', {
    config: { auth: 'any' },
    schema: { tags, summary: 'List tariffs', response: { 200: ListOf(Tariff), ...errorResponses } },
    handler: async () => ({ items: await tariffs.list() }),
  });

  app.get('/api/v1/tariffs/:id', {
    config: { auth: 'any' },
    schema: { tags, summary: 'A tariff (its current version) and its versions', params: IdParam, response: { 200: Tariff, ...errorResponses } },
    handler: async (req) => unwrap(await tariffs.get(req.params.id)),
  });

  app.put('/api/v1/tariffs/:id', {
    config: { auth: 'billing:write' },
    schema: {
      tags,
      summary: 'Change a tariff (a new version)',
      description: 'Sessions that started before the new version takes effect (`start_date_time`, default now) keep the prices they started with.',
      params: IdParam,
      body: NewTariff,
      response: { 200: Tariff, ...errorResponses },
    },
    handler: async (req) => unwrap(await tariffs.update(req.params.id, req.body, principalOf(req).id)),
  });

  app.delete('/api/v1/tariffs/:id', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Archive a tariff (its versions stay for the sessions they priced)', params: IdParam, response: { 204: Type.Null(), 404: ErrorBody } },
    handler: async (req, reply) => {
      unwrap(await tariffs.archive(req.params.id));
      return reply.status(204).send(null);
    },
  });

  function assignment(scope: AssignmentScope, path: string, params: typeof IdParam | typeof StationIdParam | typeof GroupParam, exists: (id: string) => Promise<boolean>, missing: AppError) {
    app.put(path, {
      config: { auth: 'billing:write' },
      schema: { tags, summary: `Assign a tariff to a ${scope}`, params, body: TariffIdBody, response: { 200: Assignment, ...errorResponses } },
      handler: async (req) => {
        const target = (req.params as { id: string }).id;
        if (!(await exists(target))) throw missing;
        unwrap(await tariffs.assign(scope, target, req.body.tariffId));
        return { scope, target, tariffId: req.body.tariffId };
      },
    });
    app.delete(path, {
      config: { auth: 'billing:write' },
      schema: { tags, summary: `Remove the ${scope}'s own tariff`, params, response: { 204: Type.Null(), 404: ErrorBody } },
      handler: async (req, reply) => {
        if (!(await tariffs.unassign(scope, (req.params as { id: string }).id))) throw new AppError('NOT_FOUND', `This ${scope} has no tariff of its own.`);
        return reply.status(204).send(null);
      },
    });
  }
  const GroupParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 36 }) });
  assignment('station', '/api/v1/stations/:id/tariff', StationIdParam, deps.stationExists, new AppError('STATION_NOT_FOUND'));
  assignment('site', '/api/v1/sites/:id/tariff', IdParam, deps.siteExists, new AppError('NOT_FOUND', 'No site with this id.'));
  assignment('group', '/api/v1/token-groups/:id/tariff', GroupParam, async () => true, new AppError('NOT_FOUND'));

  app.get('/api/v1/stations/:id/tariff', {
    config: { auth: 'any' },
    schema: { tags, summary: 'The tariff that prices a session starting now at this station (before any plan or group tariff)', params: StationIdParam, response: { 200: Tariff, ...errorResponses } },
    handler: async (req) => {
      if (!(await deps.stationExists(req.params.id))) throw new AppError('STATION_NOT_FOUND');
      const place = await deps.placeOf(req.params.id);
      const r = await tariffs.resolve({ stationId: req.params.id, siteId: place.siteId, groupId: null, planTariffId: null, at: deps.clock.now() });
      if (!r) throw new AppError('NOT_FOUND', 'No tariff applies at this station: charging is free.');
      return unwrap(await tariffs.get(r.tariffId));
    },
  });
}
