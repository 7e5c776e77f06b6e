/**
 * Commands the CSMS sends to stations, in its own terms. The OCPP edge translates each to the
 * station's version (src/ocpp/v16|v201|v21/commands.ts) and its reply back. Capabilities
 * depend only on this port, never on OCPP.
 */
export type TokenType = 'ISO14443' | 'ISO15693' | 'eMAID' | 'Central' | 'KeyCode' | 'Local' | 'MacAddress' | 'NoAuthorization';

/** An entry of a local authorization list; without `info` it removes the token (differential updates). */
export interface LocalListEntry {
  uid: string;
  type: TokenType;
  info?: { status: 'Accepted' | 'Blocked' | 'Expired' | 'Invalid'; expiresAt?: string | undefined; groupId?: string | undefined };
}

export interface Commands {
  RemoteStart: {
    request: { evseId?: number | undefined; token: { uid: string; type: TokenType }; remoteStartId: number };
    reply: { status: 'Accepted' | 'Rejected' };
  };
  RemoteStop: { request: { transactionId: string }; reply: { status: 'Accepted' | 'Rejected' } };
  SendLocalList: {
    request: { version: number; updateType: 'Full' | 'Differential'; entries: LocalListEntry[] };
    reply: { status: 'Accepted' | 'Failed' | 'NotSupported' | 'VersionMismatch' };
  };
  GetLocalListVersion: { request: Record<string, never>; reply: { version: number } };
  ClearCache: { request: Record<string, never>; reply: { status: 'Accepted' | 'Rejected' } };
  /** The running cost of a transaction, incl. VAT, in the station's configured currency (OCPP 2.x I02; not in 1.6). */
  CostUpdated: { request: { transactionId: string; totalCost: string }; reply: Record<string, never> };
}

export type CommandName = keyof Commands;

export type CommandOutcome<R> =
  | { ok: true; reply: R }
  | {
      ok: false;
      /** offline: not connected; timeout: no answer; error: a CALLERROR; unsupported: the version has no such command; invalid: refused by the schema */
      reason: 'offline' | 'timeout' | 'error' | 'unsupported' | 'invalid';
      message: string;
      code?: string;
    };

export interface CommandPort {
  send<N extends CommandName>(stationId: string, name: N, request: Commands[N]['request']): Promise<CommandOutcome<Commands[N]['reply']>>;
}
