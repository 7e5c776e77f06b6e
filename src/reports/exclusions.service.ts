/**
 * Recording uptime exclusions. Adding or removing one changes uptime from its start on, so
 * the station's rollups are marked for a rebuild from there.
 */
import { dbErrorOf, sqlState } from '../errors.ts';
import { fail, ok, type Result } from '../result.ts';
import { createExclusionRepo, type ExclusionRow } from './exclusion.repo.ts';
import type { ExclusionView, NewExclusionBody } from './report.schemas.ts';
import type { Rollups } from './rollups.ts';
import type { Db } from '../db/database.ts';

const view = (r: ExclusionRow): ExclusionView => ({
  id: r.id,
  stationId: r.stationId,
  evseId: r.evseId,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  reason: r.reason as ExclusionView['reason'],
  note: r.note,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});

export function createExclusionsService(deps: { db: Db; rollups: Rollups }) {
  const repo = createExclusionRepo(deps.db);
  return {
    async create(b: NewExclusionBody, by: string): Promise<Result<ExclusionView>> {
      const startsAt = new Date(b.startsAt);
      const endsAt = new Date(b.endsAt);
      if (endsAt <= startsAt) return fail('VALIDATION_FAILED', 'endsAt must be after startsAt.');
      try {
        const row = await repo.insert({ stationId: b.stationId, evseId: b.evseId ?? null, startsAt, endsAt, reason: b.reason, note: b.note ?? null, createdBy: by });
        await deps.rollups.markDirty(row.stationId, startsAt);
        return ok(view(row));
      } catch (err) {
        if (dbErrorOf(err)?.code === sqlState.foreignKeyViolation) return fail('STATION_NOT_FOUND');
        throw err;
      }
    },
    async remove(id: string): Promise<Result<void>> {
      const row = await repo.remove(id);
      if (!row) return fail('NOT_FOUND', 'No uptime exclusion with this id.');
      await deps.rollups.markDirty(row.stationId, row.startsAt);
      return ok(undefined);
    },
    list: async (f: { stationId?: string | undefined; from?: Date | undefined; to?: Date | undefined }) => (await repo.list(f)).map(view),
  };
}

export type ExclusionsService = ReturnType<typeof createExclusionsService>;
