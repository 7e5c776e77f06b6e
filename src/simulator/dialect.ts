/**
 * How a simulated station speaks one OCPP version: the messages it sends and the commands it
 * answers. The behaviour (station.ts) is the same in every version.
 */
import type { Payload } from '../ocpp/rpc.ts';
import type { Evse, SimSession, SimStation } from './station.ts';

export interface SimDialect {
  readonly subprotocol: string;
  readonly bootAction: 'BootNotification';
  readonly startAction: string;
  readonly meterAction: string;
  readonly stopAction: string;
  boot(s: SimStation, reason: string): Payload;
  bootResult(reply: Payload): { accepted: boolean; interval: number };
  status(e: Evse, at: Date): Payload;
  authorize(uid: string): Payload;
  /** Whether an Authorize (or start) reply accepts the token. */
  accepted(reply: Payload): boolean;
  start(s: SimStation, e: Evse, session: SimSession): Payload;
  startResult(reply: Payload, session: SimSession): { transactionId: string; accepted: boolean };
  meter(s: SimStation, e: Evse, session: SimSession): Payload;
  stop(s: SimStation, e: Evse, session: SimSession, reason: string): Payload;
  /** The CSMS's commands this version answers; any other is answered NotImplemented. */
  readonly commands: Readonly<Record<string, (s: SimStation, payload: Payload) => Payload | Promise<Payload>>>;
}
