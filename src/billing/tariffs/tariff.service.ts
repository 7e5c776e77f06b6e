/**
 * Tariffs: create, change (each change is a new version, so a session keeps the prices it
 * started with), archive, and assign to the network (default), a site, a station or a token
 * group; subscription plans carry their own. `resolve` answers which tariff version prices a
 * session: plan, then token group, then station, then site, then the default.
 */
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { fail, ok, type Result } from '../../result.ts';
import { normalizeBody, parseTariff, type Tariff, type TariffBody } from '../pricing/tariff.ts';
import { type AssignmentScope, createTariffRepo, type TariffRow, type TariffVersionRow } from './tariff.repo.ts';
import type { NewTariffBody, TariffView } from './tariff.schemas.ts';

export interface PricingContext {
  stationId: string;
  siteId: string | null;
  groupId: string | null;
  planTariffId: string | null;
  at: Date;
}

export interface ResolvedTariff {
  tariffId: string;
  version: number;
  body: TariffBody;
  tariff: Tariff;
}

function split(b: NewTariffBody): { body: TariffBody; name: string | undefined; isDefault: boolean; validFrom: string | undefined } {
  const { name, default: isDefault, start_date_time: validFrom, ...body } = b;
  return { body: normalizeBody(body as TariffBody), name, isDefault: isDefault ?? false, validFrom };
}

export function createTariffService(deps: { db: Db; clock: Clock }) {
  const repo = createTariffRepo(deps.db);
  // Versions never change, so their parsed form is kept.
  const parsed = new Map<string, Tariff>();

  function tariffOf(v: TariffVersionRow): Tariff {
    const key = `${v.tariffId}/${v.version}`;
    let t = parsed.get(key);
    if (!t) {
      const r = parseTariff(v.tariffId, v.body as TariffBody);
      if (!r.ok) throw new Error(`stored tariff ${key} does not parse: ${r.message}`);
      t = r.tariff;
      parsed.set(key, t);
    }
    return t;
  }

  function view(row: TariffRow, versions: TariffVersionRow[]): TariffView {
    const current = versions.find((v) => v.version === row.currentVersion)!;
    return {
      id: row.id,
      name: row.name,
      default: row.isDefault,
      version: row.currentVersion,
      valid_from: current.validFrom.toISOString(),
      last_updated: current.createdAt.toISOString(),
      archived: row.archivedAt !== null,
      ...(current.body as TariffBody),
      versions: versions.map((v) => ({ version: v.version, valid_from: v.validFrom.toISOString() })),
    } as TariffView;
  }

  const check = (body: TariffBody): Result<void> => {
    const r = parseTariff('new', body);
    return r.ok ? ok(undefined) : fail('VALIDATION_FAILED', `Tariff: ${r.message}.`);
  };

  return {
    repo,
    tariffOf,

    async create(b: NewTariffBody, by: string): Promise<Result<{ id: string }>> {
      const { body, name, isDefault, validFrom } = split(b);
      const checked = check(body);
      if (!checked.ok) return checked;
      const row = await repo.create({ name: name ?? `${body.currency} tariff`, currency: body.currency, isDefault, body, validFrom: validFrom ? new Date(validFrom) : deps.clock.now(), by });
      return ok({ id: row.id });
    },

    async update(id: string, b: NewTariffBody, by: string): Promise<Result<TariffView>> {
      const { body, name, isDefault, validFrom } = split(b);
      const checked = check(body);
      if (!checked.ok) return checked;
      const row = await repo.addVersion(id, { name, body, isDefault, validFrom: validFrom ? new Date(validFrom) : deps.clock.now(), by });
      if (!row) return fail('NOT_FOUND', 'No tariff with this id (or it is archived).');
      return ok(view(row, await repo.versions(id)));
    },

    async get(id: string): Promise<Result<TariffView>> {
      const row = await repo.byId(id);
      return row ? ok(view(row, await repo.versions(id))) : fail('NOT_FOUND', 'No tariff with this id.');
    },

    async list(): Promise<TariffView[]> {
      const rows = await repo.list();
      return Promise.all(rows.map(async (r) => view(r, await repo.versions(r.id))));
    },

    async archive(id: string): Promise<Result<void>> {
      return (await repo.archive(id, deps.clock.now())) ? ok(undefined) : fail('NOT_FOUND', 'No tariff with this id (or it is already archived).');
    },

    async assign(scope: AssignmentScope, target: string, tariffId: string): Promise<Result<void>> {
      const t = await repo.byId(tariffId);
      if (!t || t.archivedAt) return fail('VALIDATION_FAILED', 'No active tariff with this tariffId.');
      await repo.assign(scope, target, tariffId, deps.clock.now());
      return ok(undefined);
    },

    unassign: (scope: AssignmentScope, target: string) => repo.unassign(scope, target),

    /** The tariff version that prices a session in this context, or null when nothing prices it (free). */
    async resolve(ctx: PricingContext): Promise<ResolvedTariff | null> {
      const candidates = [
        ctx.planTariffId,
        ctx.groupId ? await repo.assigned('group', ctx.groupId) : null,
        await repo.assigned('station', ctx.stationId),
        ctx.siteId ? await repo.assigned('site', ctx.siteId) : null,
        await repo.defaultId(),
      ];
      for (const id of candidates) {
        if (!id) continue;
        const v = await repo.versionAt(id, ctx.at);
        if (v) return { tariffId: id, version: v.version, body: v.body as TariffBody, tariff: tariffOf(v) };
      }
      return null;
    },

    /** A recorded version, parsed. */
    async version(tariffId: string, version: number): Promise<ResolvedTariff | null> {
      const v = await repo.version(tariffId, version);
      return v ? { tariffId, version, body: v.body as TariffBody, tariff: tariffOf(v) } : null;
    },
  };
}

export type TariffService = ReturnType<typeof createTariffService>;
