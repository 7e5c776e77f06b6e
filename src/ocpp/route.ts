/**
 * Routing is a table (STYLE principle 3): each version maps an action to its handler; the
 * request and response schemas come from OCA's schema set of that version, looked up and
 * compiled at boot, so a route without a schema fails the start, not a station's call.
 */
import type { Logger } from '../log.ts';
import type { ErrorKind, Dialect, OcppVersion } from './dialect.ts';
import type { Payload } from './rpc.ts';
import type { PayloadValidator } from './schemas.ts';

/** A handler's expected refusal: answered as a CALLERROR of this kind. */
export interface CallFailure {
  readonly failure: ErrorKind;
  readonly description: string;
  readonly details?: Payload;
}

export const callFailure = (failure: ErrorKind, description: string, details?: Payload): CallFailure => ({
  failure,
  description,
  ...(details ? { details } : {}),
});

export const isCallFailure = (v: unknown): v is CallFailure =>
  typeof v === 'object' && v !== null && 'failure' in v && 'description' in v;

export interface CallContext {
  readonly stationId: string;
  readonly version: OcppVersion;
  /** When the frame arrived (server clock). */
  readonly receivedAt: Date;
  readonly log: Logger;
}

// Handlers are typed with the generated request/response types of their version; the table
// erases them because validation against the schema has already proven the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler<Req = any, Res = any> = (ctx: CallContext, req: Req) => Promise<Res | CallFailure> | Res | CallFailure;

export type RouteTable = Readonly<Record<string, Handler>>;

export interface CompiledRoute {
  readonly action: string;
  readonly validateRequest: PayloadValidator;
  readonly validateResponse: PayloadValidator;
  readonly handle: Handler;
}

export function compileRoutes(dialect: Dialect, schemas: Map<string, PayloadValidator>, table: RouteTable): Map<string, CompiledRoute> {
  const out = new Map<string, CompiledRoute>();
  for (const [action, handle] of Object.entries(table)) {
    const validateRequest = schemas.get(dialect.requestSchemaId(action));
    const validateResponse = schemas.get(dialect.responseSchemaId(action));
    if (!validateRequest || !validateResponse) throw new Error(`OCPP ${dialect.version}: no schema for ${action}`);
    out.set(action, { action, validateRequest, validateResponse, handle });
  }
  return out;
}
