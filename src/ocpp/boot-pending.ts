import type { OcppDeps } from './deps.ts';
import type { CallContext, Handler } from './route.ts';

/** How soon a station told Pending during a database outage boots again (seconds). */
export const BOOT_RETRY_DURING_OUTAGE_SEC = 30;

/**
 * A boot that could not be recorded because the database is down is answered Pending with a
 * retry interval (OCPP 1.6 4.2, 2.0.1 B02): the station boots again later and, meanwhile,
 * keeps its transaction messages. Never Accepted for a boot we did not store; any other
 * failure stays a failure (InternalError).
 */
export function bootHandler<Req, Res>(record: (deps: OcppDeps, ctx: CallContext, req: Req) => Promise<Res>) {
  return (deps: OcppDeps): Handler<Req, Res | ReturnType<typeof pending>> =>
    async (ctx, req) => {
      try {
        return await record(deps, ctx, req);
      } catch (err) {
        if (await deps.databaseUp()) throw err;
        ctx.log.warn({ err }, 'BootNotification during a database outage: answered Pending');
        return pending(ctx);
      }
    };
}

const pending = (ctx: CallContext) => ({ status: 'Pending' as const, currentTime: ctx.receivedAt.toISOString(), interval: BOOT_RETRY_DURING_OUTAGE_SEC });
