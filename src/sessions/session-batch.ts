/**
 * The group-commit writers of the two hottest messages: meter values of a named transaction
 * (1.6 MeterValues) and transaction events (2.x TransactionEvent). A batch of many stations'
 * messages costs a fixed handful of statements: lock the sessions, create the unknown ones,
 * insert the events, insert the samples, write the sessions back. The rules are those of the
 * one-message path (session-rules.ts).
 */
import type { Decision } from '../authorization/index.ts';
import type { BatchWriter, Tx } from '../db/group-commit.ts';
import type { Logger } from '../log.ts';
import type { NormalizedSample } from './measurands.ts';
import { createSessionBulkRepo, type EventRow, type SampleRow, sessionKey } from './session-bulk.repo.ts';
import { earliest, endPatch, eventPatch, samplesPatch, type TokenFields } from './session-rules.ts';
import type { NewSession, SessionRepo, SessionRow } from './session.repo.ts';
import type { TransactionEventInput } from './session.service.ts';

export interface MeterItem {
  stationId: string;
  evseId: number;
  transactionId: string;
  samples: NormalizedSample[];
}

export interface EventItem {
  stationId: string;
  e: TransactionEventInput;
  samples: NormalizedSample[];
  fields: TokenFields | null;
  decision: Decision | null;
}

export interface EventResult {
  row: SessionRow;
  duplicate: boolean;
  created: boolean;
  ended: boolean;
}

/** The sessions of a batch, locked, with the unknown ones created (each by `create`). */
class Sessions {
  readonly #rows = new Map<string, SessionRow>();
  readonly changed = new Map<string, SessionRow>();
  readonly created = new Set<string>();

  static async load(tx: Tx, pairs: Array<{ stationId: string; transactionId: string }>): Promise<Sessions> {
    const s = new Sessions();
    for (const r of await bulk.lockByTransactions(tx, pairs)) s.#rows.set(sessionKey(r.stationId, r.transactionId), r);
    return s;
  }

  get(stationId: string, transactionId: string): SessionRow | undefined {
    return this.#rows.get(sessionKey(stationId, transactionId));
  }

  /** Inserts an unknown session (a concurrent insert of the same one is read back instead). */
  async create(tx: Tx, repo: SessionRepo, s: NewSession): Promise<SessionRow> {
    const row = (await repo.insert(tx, s)) ?? (await repo.byTransaction(tx, s.stationId, s.transactionId, true));
    if (!row) throw new Error('session vanished while being created');
    this.#rows.set(sessionKey(row.stationId, row.transactionId), row);
    this.created.add(row.id);
    return row;
  }

  update(row: SessionRow, patch: Partial<NewSession>, now: Date): SessionRow {
    const next = { ...row, ...patch, updatedAt: now } as SessionRow;
    this.#rows.set(sessionKey(next.stationId, next.transactionId), next);
    this.changed.set(next.id, next);
    return next;
  }
}

const bulk = createSessionBulkRepo();

function samplesOf(row: SessionRow, samples: NormalizedSample[]): SampleRow[] {
  return samples.map((sample) => ({ stationId: row.stationId, evseId: row.evseId, sessionId: row.id, sample }));
}

export function meterWriter(d: { repo: SessionRepo; log: Logger; now: () => Date }): BatchWriter<MeterItem, SessionRow> {
  return {
    name: 'session-meter-values',
    async write(tx, items) {
      const sessions = await Sessions.load(tx, items);
      const samples: SampleRow[] = [];
      const ids: string[] = [];
      for (const it of items) {
        let row = sessions.get(it.stationId, it.transactionId);
        if (!row) {
          d.log.warn({ stationId: it.stationId, transactionId: it.transactionId }, 'meter values for an unknown transaction: session reconstructed');
          row = await sessions.create(tx, d.repo, {
            stationId: it.stationId,
            evseId: it.evseId,
            connectorId: it.evseId ? 1 : 0,
            transactionId: it.transactionId,
            startedAt: earliest(it.samples) ?? d.now(),
            reconstructed: true,
          });
        }
        const { patch, reopened } = samplesPatch(row, it.samples);
        if (reopened) d.log.info({ sessionId: row.id }, 'a session closed at reboot is still running: reopened');
        samples.push(...samplesOf(row, it.samples));
        ids.push(sessions.update(row, patch, d.now()).id);
      }
      await bulk.insertSamples(tx, samples);
      await bulk.writeBack(tx, [...sessions.changed.values()]);
      return ids.map((id) => sessions.changed.get(id)!);
    },
  };
}

export function eventWriter(d: { repo: SessionRepo; log: Logger; now: () => Date }): BatchWriter<EventItem, EventResult> {
  return {
    name: 'session-transaction-events',
    async write(tx, items) {
      const sessions = await Sessions.load(
        tx,
        items.map((i) => ({ stationId: i.stationId, transactionId: i.e.transactionId })),
      );
      const rows: SessionRow[] = [];
      for (const { stationId, e, fields } of items) {
        let row = sessions.get(stationId, e.transactionId);
        row ??= await sessions.create(tx, d.repo, {
          stationId,
          evseId: e.evseId ?? 0,
          connectorId: e.connectorId ?? (e.evseId ? 1 : 0),
          transactionId: e.transactionId,
          ...(fields ?? {}),
          remoteStartId: e.remoteStartId ?? null,
          reservationId: e.reservationId ?? null,
          startedAt: e.at,
          reconstructed: e.eventType !== 'Started',
        });
        rows.push(row);
      }
      const events: EventRow[] = items.map(({ e }, i) => ({
        sessionId: rows[i]!.id,
        seqNo: e.seqNo,
        kind: e.eventType,
        triggerReason: e.triggerReason,
        chargingState: e.chargingState ?? null,
        offline: e.offline,
        at: e.at,
      }));
      const fresh = await bulk.insertEvents(tx, events);
      const samples: SampleRow[] = [];
      const results: Array<Omit<EventResult, 'row'> & { id: string }> = [];
      items.forEach(({ stationId, e, samples: own, fields, decision }, i) => {
        const key = `${events[i]!.sessionId}/${e.seqNo}`;
        let row = sessions.get(stationId, e.transactionId)!;
        const created = sessions.created.has(row.id);
        // A retransmission (or the same event twice in one batch) changes nothing.
        if (!fresh.delete(key)) return results.push({ id: row.id, duplicate: true, created, ended: false });
        row = sessions.update(row, eventPatch(row, e, fields, decision), d.now());
        const { patch, reopened } = samplesPatch(row, own);
        if (reopened) d.log.info({ sessionId: row.id }, 'a session closed at reboot is still running: reopened');
        row = sessions.update(row, patch, d.now());
        samples.push(...samplesOf(row, own));
        const end = endPatch(row, e);
        if (end) sessions.update(row, end, d.now());
        return results.push({ id: row.id, duplicate: false, created, ended: end !== null });
      });
      await bulk.insertSamples(tx, samples);
      await bulk.writeBack(tx, [...sessions.changed.values()]);
      return results.map(({ id, ...r }, i) => ({ ...r, row: sessions.changed.get(id) ?? rows[i]! }));
    },
  };
}

export interface BootItem {
  stationId: string;
  at: Date;
}

/**
 * Boots of many stations: the sessions each was running before it booted are closed. One
 * query finds the (few) stations with running sessions; only those are updated.
 */
export function staleOnBootWriter(d: { repo: SessionRepo; reason: string }): BatchWriter<BootItem, SessionRow[]> {
  return {
    name: 'session-close-on-boot',
    async write(tx, items) {
      const running = await bulk.stationsWithActiveSessions(tx, [...new Set(items.map((i) => i.stationId))]);
      const out: SessionRow[][] = [];
      for (const it of items) out.push(running.has(it.stationId) ? await d.repo.closeActiveOnStation(it.stationId, it.at, d.reason, tx) : []);
      return out;
    },
  };
}
