/** Id tokens: RFID cards, app credentials and other OCPP id tokens, owned by drivers or not. */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { fail, ok, type Result } from '../result.ts';
import { parseTokenCsv, type ImportProblem } from './csv-import.ts';
import { createTokenRepo, type TokenFilter, type TokenRow } from './token.repo.ts';
import type { NewTokenBody, TokenPatchBody, TokenView } from './token.schemas.ts';
import { isTokenType, normalizeUid, tokenTypes } from './uid.ts';

export interface TokensDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Resolves a driver's email to their id (import), and checks a driver exists. */
  drivers: { idByEmail(email: string): Promise<string | null>; exists(id: string): Promise<boolean> };
}

export const tokenView = (t: TokenRow): TokenView => ({
  uid: t.uid,
  type: t.type,
  status: t.status as TokenView['status'],
  expiresAt: t.expiresAt?.toISOString() ?? null,
  groupId: t.groupId,
  driverId: t.driverId,
  label: t.label,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export function createTokensService(deps: TokensDeps) {
  const repo = createTokenRepo(deps.db);

  return {
    repo,

    async create(body: NewTokenBody): Promise<Result<TokenView>> {
      const type = body.type ?? 'ISO14443';
      if (!isTokenType(type)) return fail('VALIDATION_FAILED', `Unknown token type "${type}"; one of ${tokenTypes.join(', ')}.`);
      const uid = normalizeUid(body.uid, type);
      if (!uid.ok) return fail('VALIDATION_FAILED', `Invalid uid: ${uid.message}.`);
      if (body.driverId && !(await deps.drivers.exists(body.driverId))) return fail('VALIDATION_FAILED', 'No driver with this driverId.');
      const row = await repo.insert({
        uid: uid.uid,
        type,
        status: body.status ?? 'Accepted',
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        groupId: body.groupId ?? null,
        driverId: body.driverId ?? null,
        label: body.label ?? null,
      });
      if (!row) return fail('ALREADY_EXISTS', `A token with uid ${uid.uid} already exists.`);
      return ok(tokenView(row));
    },

    async get(uid: string): Promise<Result<TokenView>> {
      const row = await repo.find(uid);
      return row ? ok(tokenView(row)) : fail('NOT_FOUND', `No token with uid ${uid}.`);
    },

    /** The raw row, for ownership checks. */
    find: (uid: string) => repo.find(uid),

    async list(f: TokenFilter) {
      const { rows, total } = await repo.list(f);
      return { items: rows.map(tokenView), total };
    },

    async update(uid: string, patch: TokenPatchBody): Promise<Result<TokenView>> {
      if (patch.driverId && !(await deps.drivers.exists(patch.driverId))) return fail('VALIDATION_FAILED', 'No driver with this driverId.');
      const row = await repo.update(uid, {
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.driverId !== undefined ? { driverId: patch.driverId } : {}),
        ...(patch.expiresAt !== undefined ? { expiresAt: patch.expiresAt ? new Date(patch.expiresAt) : null } : {}),
        ...(patch.groupId !== undefined ? { groupId: patch.groupId } : {}),
        ...(patch.label !== undefined ? { label: patch.label } : {}),
      });
      if (!row) return fail('NOT_FOUND', `No token with uid ${uid}.`);
      if (patch.status) deps.log.info({ uid: row.uid, status: patch.status }, 'token status changed');
      return ok(tokenView(row));
    },

    async remove(uid: string): Promise<Result<void>> {
      return (await repo.remove(uid)) ? ok(undefined) : fail('NOT_FOUND', `No token with uid ${uid}.`);
    },

    /** Imports a CSV file all or nothing: every problem is reported, and nothing is written unless there is none. */
    async importCsv(text: string): Promise<Result<{ created: number; updated: number }> & { problems?: ImportProblem[] }> {
      const { rows, problems } = parseTokenCsv(text);
      const owners = new Map<string, string>();
      for (const r of rows) {
        if (!r.driverEmail) continue;
        const id = await deps.drivers.idByEmail(r.driverEmail);
        if (id) owners.set(r.driverEmail.toLowerCase(), id);
        else problems.push({ line: r.line, message: `No driver with email ${r.driverEmail}.` });
      }
      if (problems.length > 0) {
        problems.sort((a, b) => a.line - b.line);
        return { ...fail('VALIDATION_FAILED', `The file has ${problems.length} problem(s); nothing was imported.`), problems };
      }
      const result = await repo.upsertMany(
        rows.map((r) => ({
          uid: r.uid,
          type: r.type,
          status: r.status,
          expiresAt: r.expiresAt,
          groupId: r.groupId,
          label: r.label,
          driverId: r.driverEmail ? (owners.get(r.driverEmail.toLowerCase()) ?? null) : null,
        })),
      );
      deps.log.info(result, 'tokens imported');
      return ok(result);
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
