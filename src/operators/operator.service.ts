/** Operator accounts: the people who run the network, with roles admin, operator and viewer. */
import { type AccountSource, type AuthService, generatePassword, hashPassword, type OperatorRole } from '../auth/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { fail, ok, type Result } from '../result.ts';
import { createOperatorRepo, type OperatorRow } from './operator.repo.ts';
import type { NewOperatorBody, OperatorPatchBody, OperatorView } from './operator.schemas.ts';

export interface OperatorsDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  auth: AuthService;
}

const view = (o: OperatorRow): OperatorView => ({
  id: o.id,
  email: o.email,
  name: o.name,
  role: o.role as OperatorRole,
  disabled: o.disabled,
  createdAt: o.createdAt.toISOString(),
  lastLoginAt: o.lastLoginAt?.toISOString() ?? null,
});

export function createOperatorsService(deps: OperatorsDeps) {
  const repo = createOperatorRepo(deps.db);

  const source: AccountSource = {
    type: 'operator',
    findByEmail: async (email) => {
      const o = await repo.findByEmail(email);
      return o && { id: o.id, email: o.email, passwordHash: o.passwordHash, role: o.role as OperatorRole, disabled: o.disabled };
    },
    findById: async (id) => {
      const o = await repo.findById(id);
      return o && { id: o.id, email: o.email, passwordHash: o.passwordHash, role: o.role as OperatorRole, disabled: o.disabled };
    },
    touchLogin: (id, at) => repo.touchLogin(id, at),
  };
  deps.auth.addSource(source);

  /** Refuses changes that would leave no active admin. */
  async function keepsAnAdmin(current: OperatorRow, next: { role?: string; disabled?: boolean; removed?: boolean }): Promise<boolean> {
    const wasActiveAdmin = current.role === 'admin' && !current.disabled;
    const staysActiveAdmin = !next.removed && (next.role ?? current.role) === 'admin' && !(next.disabled ?? current.disabled);
    if (!wasActiveAdmin || staysActiveAdmin) return true;
    return (await repo.countActiveAdmins()) > 1;
  }

  return {
    /**
     * At start: with ADMIN_EMAIL/ADMIN_PASSWORD, make sure that admin exists; without them, on
     * a first start, create one and return its generated password to be printed once.
     */
    async bootstrap(admin: { email: string; password: string } | undefined): Promise<{ email: string; password: string } | null> {
      if (admin) {
        if (await repo.findByEmail(admin.email)) return null;
        await repo.insert({ email: admin.email, name: 'Administrator', passwordHash: await hashPassword(admin.password), role: 'admin' });
        deps.log.info({ email: admin.email }, 'admin account created from ADMIN_EMAIL');
        return null;
      }
      if ((await repo.count()) > 0) return null;
      const generated = { email: 'admin@straumur.local', password: generatePassword() };
      const row = await repo.insert({ email: generated.email, name: 'Administrator', passwordHash: await hashPassword(generated.password), role: 'admin' });
      return row ? generated : null;
    },

    async create(body: NewOperatorBody): Promise<Result<OperatorView>> {
      const row = await repo.insert({
        email: body.email,
        name: body.name ?? null,
        passwordHash: await hashPassword(body.password),
        role: body.role,
      });
      if (!row) return fail('ALREADY_EXISTS', `An operator with email ${body.email} already exists.`);
      return ok(view(row));
    },

    list: async (): Promise<OperatorView[]> => (await repo.list()).map(view),

    async get(id: string): Promise<Result<OperatorView>> {
      const row = await repo.findById(id);
      return row ? ok(view(row)) : fail('NOT_FOUND', 'No operator with this id.');
    },

    async update(id: string, patch: OperatorPatchBody): Promise<Result<OperatorView>> {
      const current = await repo.findById(id);
      if (!current) return fail('NOT_FOUND', 'No operator with this id.');
      if (!(await keepsAnAdmin(current, { ...(patch.role ? { role: patch.role } : {}), ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}) }))) {
        return fail('CONFLICT', 'This would leave no active admin.');
      }
      const row = await repo.update(id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(patch.password ? { passwordHash: await hashPassword(patch.password) } : {}),
      });
      if (!row) return fail('NOT_FOUND', 'No operator with this id.');
      if (patch.disabled || patch.password || patch.role) await deps.auth.revokeAll('operator', id);
      return ok(view(row));
    },

    async remove(id: string): Promise<Result<void>> {
      const current = await repo.findById(id);
      if (!current) return fail('NOT_FOUND', 'No operator with this id.');
      if (!(await keepsAnAdmin(current, { removed: true }))) return fail('CONFLICT', 'This would leave no active admin.');
      await deps.auth.revokeAll('operator', id);
      await repo.remove(id);
      return ok(undefined);
    },
  };
}

export type OperatorsService = ReturnType<typeof createOperatorsService>;
