/**
 * Driver accounts: self-registration, accounts operators create, profiles, and blocking.
 * A blocked driver cannot sign in and every token they own is refused (authorization).
 */
import { type AccountSource, type AuthService, hashPassword } from '../auth/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { fail, ok, type Result } from '../result.ts';
import { createDriverRepo, type DriverRow } from './driver.repo.ts';
import type { DriverPatchBody, DriverView, NewDriverBody, RegistrationBody } from './driver.schemas.ts';

export interface DriversDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  auth: AuthService;
}

const view = (d: DriverRow): DriverView => ({
  id: d.id,
  email: d.email,
  name: d.name,
  phone: d.phone,
  status: d.status as DriverView['status'],
  blockedReason: d.blockedReason,
  hasPassword: d.passwordHash !== null,
  createdAt: d.createdAt.toISOString(),
  lastLoginAt: d.lastLoginAt?.toISOString() ?? null,
});

export function createDriversService(deps: DriversDeps) {
  const repo = createDriverRepo(deps.db);

  const account = (d: DriverRow) => ({ id: d.id, email: d.email, passwordHash: d.passwordHash, role: 'driver' as const, disabled: d.status === 'blocked' });
  const source: AccountSource = {
    type: 'driver',
    findByEmail: async (email) => {
      const d = await repo.findByEmail(email);
      return d && account(d);
    },
    findById: async (id) => {
      const d = await repo.findById(id);
      return d && account(d);
    },
    touchLogin: (id, at) => repo.touchLogin(id, at),
  };
  deps.auth.addSource(source);

  async function create(body: NewDriverBody): Promise<Result<DriverView>> {
    const row = await repo.insert({
      email: body.email,
      name: body.name ?? null,
      phone: body.phone ?? null,
      passwordHash: body.password ? await hashPassword(body.password) : null,
    });
    if (!row) return fail('ALREADY_EXISTS', `A driver with email ${body.email} already exists.`);
    return ok(view(row));
  }

  return {
    create,

    /** Self-registration: the account, and a token so the new driver is signed in at once. */
    async register(body: RegistrationBody): Promise<Result<{ driver: DriverView; token: string; expiresAt: string }>> {
      const created = await create(body);
      if (!created.ok) return created;
      const row = await repo.findById(created.value.id);
      if (!row) return fail('INTERNAL');
      const issued = await deps.auth.issueFor('driver', account(row));
      return ok({ driver: created.value, ...issued });
    },

    async get(id: string): Promise<Result<DriverView>> {
      const row = await repo.findById(id);
      return row ? ok(view(row)) : fail('NOT_FOUND', 'No driver with this id.');
    },

    async list(f: { q?: string | undefined; status?: string | undefined; limit: number; offset: number }) {
      const { rows, total } = await repo.list(f);
      return { items: rows.map(view), total };
    },

    async update(id: string, patch: DriverPatchBody): Promise<Result<DriverView>> {
      const current = await repo.findById(id);
      if (!current) return fail('NOT_FOUND', 'No driver with this id.');
      const blocking = patch.status === 'blocked' && current.status !== 'blocked';
      const row = await repo.update(id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.status ? { status: patch.status, blockedReason: patch.status === 'blocked' ? (patch.blockedReason ?? null) : null } : {}),
        ...(patch.password ? { passwordHash: await hashPassword(patch.password) } : {}),
      });
      if (!row) return fail('NOT_FOUND', 'No driver with this id.');
      if (blocking || patch.password) await deps.auth.revokeAll('driver', id);
      if (blocking) deps.log.info({ driverId: id }, 'driver blocked');
      return ok(view(row));
    },

    async idByEmail(email: string): Promise<string | null> {
      return (await repo.findByEmail(email))?.id ?? null;
    },

    async exists(id: string): Promise<boolean> {
      return (await repo.findById(id)) !== null;
    },
  };
}

export type DriversService = ReturnType<typeof createDriversService>;
