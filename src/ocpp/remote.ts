/**
 * The port through which the gateway reaches stations held by other nodes (cluster mode).
 * src/cluster implements it over Redis; without a cluster the gateway has none and a station
 * not connected here is offline. Calls cross nodes as OCPP calls already translated for the
 * station's version (station id, action, payload), so the node holding the socket only sends.
 */
import type { CallOutcome } from './connection.ts';
import type { OcppVersion } from './dialect.ts';
import type { Payload } from './rpc.ts';

export type RemoteOutcome = CallOutcome | { kind: 'offline' };

/** What this node offers the others. */
export interface LocalStations {
  /** Sends a CALL to a station connected here. */
  call(stationId: string, action: string, payload: Payload, timeoutMs: number): Promise<RemoteOutcome>;
  /** Another node now holds the station: close the socket here, if any. */
  release(stationId: string): void;
  /** The stations connected here. */
  held(): Iterable<string>;
}

export interface RemoteStations {
  /** This node now holds the station's socket; the node that held it before (if another) lets go. */
  claim(stationId: string, version: OcppVersion): Promise<void>;
  /** The station's socket here closed (a claim by another node since then is left alone). */
  release(stationId: string): Promise<void>;
  /** The node holding a station and the OCPP version it speaks, or null when no node holds it. */
  locate(stationId: string): Promise<{ node: string; version: OcppVersion } | null>;
  /** Sends a CALL through the node holding the station and waits for its outcome. */
  call(stationId: string, action: string, payload: Payload, timeoutMs: number): Promise<RemoteOutcome>;
  /** Starts serving other nodes' calls and takeovers with this node's stations. */
  serve(local: LocalStations): void;
}
