/**
 * Connector statuses lost to a database outage, asked for again. A StatusNotification that
 * cannot be stored is answered InternalError (a positive answer means stored, ADR 26), and
 * stations do not send statuses again the way they resend transaction messages. So a station
 * whose status could not be stored while a probe confirmed the database unreachable is
 * remembered; once the database answers, it is asked (TriggerMessage StatusNotification,
 * for each connector Straumur knows of it) to report what its connectors are now.
 */
import { createLimiter } from '../limiter.ts';
import type { Logger } from '../log.ts';

export interface StatusResyncDeps {
  log: Logger;
  /** Whether the database answers now (a cached probe). */
  databaseUp(): Promise<boolean>;
  /** The connectors Straumur knows of a station. */
  connectorsOf(stationId: string): Promise<{ evseId: number; connectorId: number }[]>;
  /** Asks a station to send one connector's status; resolves with the outcome in a word (Accepted, offline, ...). */
  trigger(stationId: string, evseId: number, connectorId: number): Promise<string>;
  /** How often the database is asked while stations wait (ms). */
  retryMs?: number;
}

/** Stations asked at once (each waits for its replies, up to the call timeout). */
const STATIONS_AT_ONCE = 16;

export interface StatusResync {
  /** A status of this station could not be stored: remembered if the database is down. */
  unstored(stationId: string): void;
  /** Stations waiting for the database. */
  readonly waiting: number;
  stop(): void;
}

export function createStatusResync(deps: StatusResyncDeps): StatusResync {
  const retryMs = deps.retryMs ?? 5000;
  const waiting = new Set<string>();
  const limit = createLimiter(STATIONS_AT_ONCE);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const databaseUp = () => deps.databaseUp().catch(() => false);

  function schedule(): void {
    if (timer || stopped || waiting.size === 0) return;
    timer = setTimeout(() => void tick(), retryMs);
    timer.unref();
  }

  async function ask(id: string): Promise<void> {
    const connectors = await deps.connectorsOf(id);
    const outcomes = [];
    for (const c of connectors) outcomes.push(await deps.trigger(id, c.evseId, c.connectorId));
    deps.log.info({ stationId: id, connectors: connectors.length, outcomes }, 'asked a station for the statuses lost in the outage');
  }

  async function tick(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    if (!(await databaseUp())) return schedule();
    const ids = [...waiting];
    waiting.clear();
    await Promise.all(
      ids.map((id) =>
        limit(() => ask(id)).catch((err: unknown) => {
          // The database went away again before we could read the connectors: wait for it again.
          deps.log.warn({ err, stationId: id }, 'could not ask a station for its statuses yet');
          waiting.add(id);
        }),
      ),
    );
    schedule();
  }

  return {
    unstored(stationId) {
      if (stopped || waiting.has(stationId)) return;
      // Only an outage: any other failure would be repeated by the status it asks for.
      void databaseUp().then((up) => {
        if (up) return;
        waiting.add(stationId);
        schedule();
      });
    },
    get waiting() {
      return waiting.size;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
