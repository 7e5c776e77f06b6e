/** Sites: where stations stand, with the time zone local-time tariffs and reports use. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { sites } from '../db/schema/index.ts';
import { dbErrorOf, sqlState } from '../errors.ts';
import { fail, ok, type Result } from '../result.ts';
import type { NewSiteBody, SitePatchBody, SiteView } from './site.schemas.ts';

type SiteRow = typeof sites.$inferSelect;

const view = (r: SiteRow): SiteView => ({
  id: r.id,
  name: r.name,
  timeZone: r.timeZone,
  address: r.address,
  city: r.city,
  postalCode: r.postalCode,
  country: r.country,
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
  createdAt: r.createdAt.toISOString(),
});

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const num = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : String(v));

export function createSitesService({ db }: { db: Db }) {
  async function write<T>(fn: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await fn());
    } catch (err) {
      if (dbErrorOf(err)?.code === sqlState.uniqueViolation) return fail('ALREADY_EXISTS', 'A site with this name already exists.');
      throw err;
    }
  }

  return {
    async create(b: NewSiteBody): Promise<Result<SiteView>> {
      if (b.timeZone && !isTimeZone(b.timeZone)) return fail('VALIDATION_FAILED', `Unknown time zone "${b.timeZone}".`);
      const r = await write(() =>
        db
          .insert(sites)
          .values({ ...b, latitude: num(b.latitude), longitude: num(b.longitude) })
          .returning(),
      );
      return r.ok ? ok(view(r.value[0]!)) : r;
    },
    list: async (): Promise<SiteView[]> => (await db.select().from(sites).orderBy(asc(sites.name))).map(view),
    async get(id: string): Promise<Result<SiteView>> {
      const [r] = await db.select().from(sites).where(eq(sites.id, id));
      return r ? ok(view(r)) : fail('NOT_FOUND', 'No site with this id.');
    },
    async update(id: string, b: SitePatchBody): Promise<Result<SiteView>> {
      if (b.timeZone && !isTimeZone(b.timeZone)) return fail('VALIDATION_FAILED', `Unknown time zone "${b.timeZone}".`);
      const r = await write(() =>
        db
          .update(sites)
          .set({ ...b, latitude: num(b.latitude), longitude: num(b.longitude), updatedAt: sql`now()` })
          .where(eq(sites.id, id))
          .returning(),
      );
      if (!r.ok) return r;
      return r.value[0] ? ok(view(r.value[0])) : fail('NOT_FOUND', 'No site with this id.');
    },
    async remove(id: string): Promise<Result<void>> {
      const rows = await db.delete(sites).where(eq(sites.id, id)).returning({ id: sites.id });
      return rows.length ? ok(undefined) : fail('NOT_FOUND', 'No site with this id.');
    },
    exists: async (id: string) => (await db.select({ id: sites.id }).from(sites).where(eq(sites.id, id))).length > 0,
  };
}

export type SitesService = ReturnType<typeof createSitesService>;
