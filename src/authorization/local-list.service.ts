/**
 * Local authorization lists (OCPP 1.6 and 2.x SendLocalList / GetLocalListVersion): the
 * tokens a station may accept while offline. Full updates replace the list; differential
 * updates send only what changed since the list the station last accepted. When a station
 * refuses a differential update (Failed or VersionMismatch) the full list is sent instead,
 * as OCPP 1.6 5.15 advises.
 */
import type { Clock } from '../clock.ts';
import type { CommandOutcome, CommandPort, LocalListEntry, TokenType } from '../commands/index.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { fail, ok, type Result } from '../result.ts';
import { decide, type TokenFacts } from './decision.ts';
import { createLocalListRepo, type LocalEntryRow } from './local-list.repo.ts';

export interface LocalListDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  commands: CommandPort;
  /** Tokens by uid (all tokens when `uids` is undefined), with their owners' status. */
  tokens(uids: string[] | undefined): Promise<TokenFacts[]>;
}

export interface LocalListRequest {
  updateType: 'Full' | 'Differential';
  /** The tokens the list should hold (Full) or whose entries should be brought up to date (Differential); all tokens when absent. */
  tokens?: string[] | undefined;
  /** Differential: tokens to take off the list. */
  remove?: string[] | undefined;
}

export interface LocalListResult {
  status: 'Accepted' | 'Failed' | 'NotSupported' | 'VersionMismatch';
  version: number;
  updateType: 'Full' | 'Differential';
  entries: number;
  /** A refused differential update was followed by a full one. */
  fellBackToFull: boolean;
}

const MAX_ENTRIES = 10_000;

function entryOf(stationId: string, t: TokenFacts, now: Date): LocalEntryRow {
  const d = decide(t, { now, activeElsewhere: false, allowConcurrent: true });
  return {
    stationId,
    uid: t.uid,
    type: t.type,
    status: d.status === 'Accepted' || d.status === 'Blocked' || d.status === 'Expired' ? d.status : 'Invalid',
    expiresAt: t.expiresAt,
    groupId: t.groupId,
  };
}

const wire = (e: LocalEntryRow): LocalListEntry => ({
  uid: e.uid,
  type: e.type as TokenType,
  info: { status: e.status as 'Accepted', expiresAt: e.expiresAt?.toISOString(), groupId: e.groupId ?? undefined },
});

const same = (a: LocalEntryRow, b: LocalEntryRow) =>
  a.type === b.type && a.status === b.status && a.groupId === b.groupId && (a.expiresAt?.getTime() ?? null) === (b.expiresAt?.getTime() ?? null);

export function createLocalListService(deps: LocalListDeps) {
  const repo = createLocalListRepo(deps.db);

  async function send(stationId: string, version: number, updateType: 'Full' | 'Differential', entries: LocalListEntry[]) {
    return deps.commands.send(stationId, 'SendLocalList', { version, updateType, entries });
  }

  return {
    async get(stationId: string) {
      const [version, entries] = await Promise.all([repo.version(stationId), repo.entries(stationId)]);
      return {
        version,
        entries: entries.map((e) => ({ uid: e.uid, type: e.type, status: e.status, expiresAt: e.expiresAt?.toISOString() ?? null, groupId: e.groupId })),
      };
    },

    /** Validation problems are a failed Result; what the station said (or that it was offline or silent) is the outcome inside. */
    async update(stationId: string, req: LocalListRequest): Promise<Result<CommandOutcome<LocalListResult>>> {
      const now = deps.clock.now();
      const tokens = await deps.tokens(req.tokens);
      if (req.tokens) {
        const known = new Set(tokens.map((t) => t.uid.toLowerCase()));
        const missing = req.tokens.filter((u) => !known.has(u.toLowerCase()));
        if (missing.length) return fail('VALIDATION_FAILED', `Unknown tokens: ${missing.slice(0, 10).join(', ')}.`);
      }
      if (tokens.length > MAX_ENTRIES) return fail('VALIDATION_FAILED', `A local list holds at most ${MAX_ENTRIES} tokens.`);
      const version = (await repo.version(stationId)) + 1;
      const wanted = tokens.map((t) => entryOf(stationId, t, now));

      const done = (r: LocalListResult) => ok({ ok: true as const, reply: r });

      if (req.updateType === 'Full') {
        const sent = await send(stationId, version, 'Full', wanted.map(wire));
        if (!sent.ok) return ok(sent);
        if (sent.reply.status === 'Accepted') await repo.save(stationId, version, true, wanted, []);
        return done({ status: sent.reply.status, version, updateType: 'Full', entries: wanted.length, fellBackToFull: false });
      }

      const current = await repo.entries(stationId);
      const byUid = new Map(current.map((e) => [e.uid.toLowerCase(), e]));
      const changed = wanted.filter((w) => {
        const c = byUid.get(w.uid.toLowerCase());
        return !c || !same(c, w);
      });
      const remove = (req.remove ?? []).filter((u) => byUid.has(u.toLowerCase()));
      const removals: LocalListEntry[] = remove.map((u) => ({ uid: byUid.get(u.toLowerCase())?.uid ?? u, type: (byUid.get(u.toLowerCase())?.type ?? 'ISO14443') as TokenType }));
      const sent = await send(stationId, version, 'Differential', [...changed.map(wire), ...removals]);
      if (!sent.ok) return ok(sent);
      if (sent.reply.status === 'Accepted') {
        await repo.save(stationId, version, false, changed, remove);
        return done({ status: 'Accepted', version, updateType: 'Differential', entries: changed.length + removals.length, fellBackToFull: false });
      }
      if (sent.reply.status !== 'Failed' && sent.reply.status !== 'VersionMismatch') {
        return done({ status: sent.reply.status, version, updateType: 'Differential', entries: 0, fellBackToFull: false });
      }
      // The station's list is not what we think: send the whole list it should hold.
      deps.log.warn({ stationId, status: sent.reply.status }, 'differential local list refused; sending the full list');
      const removed = new Set(remove.map((u) => u.toLowerCase()));
      const merged = new Map(current.filter((e) => !removed.has(e.uid.toLowerCase())).map((e) => [e.uid.toLowerCase(), e]));
      for (const w of wanted) merged.set(w.uid.toLowerCase(), w);
      const full = [...merged.values()];
      const again = await send(stationId, version + 1, 'Full', full.map(wire));
      if (!again.ok) return ok(again);
      if (again.reply.status === 'Accepted') await repo.save(stationId, version + 1, true, full, []);
      return done({ status: again.reply.status, version: version + 1, updateType: 'Full', entries: full.length, fellBackToFull: true });
    },
  };
}

export type LocalListService = ReturnType<typeof createLocalListService>;
