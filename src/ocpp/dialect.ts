/**
 * What differs between OCPP versions at the framing level: the subprotocol, how schemas are
 * keyed, the names of the error codes, and which message types exist. Each version folder
 * exports one Dialect; nothing outside src/ocpp sees it.
 */
import type { FrameProblem } from './rpc.ts';

export type OcppVersion = '1.6' | '2.0.1' | '2.1';

export const ocppVersions: readonly OcppVersion[] = ['1.6', '2.0.1', '2.1'];

/** Version-neutral names for OCPP-J error codes; a dialect spells each on the wire. */
export type ErrorKind =
  | 'notImplemented'
  | 'notSupported'
  | 'internal'
  | 'protocol'
  | 'security'
  | 'format'
  | 'property'
  | 'occurrence'
  | 'type'
  | 'generic'
  | 'messageTypeNotSupported'
  | 'rpcFramework';

export interface Dialect {
  readonly version: OcppVersion;
  readonly subprotocol: string;
  /** Schema `$id` of an action's request and response. */
  requestSchemaId(action: string): string;
  responseSchemaId(action: string): string;
  /** The wire name of an error kind in this version. */
  errorCode(kind: ErrorKind): string;
  /** The error kind to answer a frame that could not be read with. */
  frameProblem(problem: FrameProblem['problem']): ErrorKind;
  /** Whether CALLRESULTERROR (5) and SEND (6) exist (OCPP 2.1). */
  readonly hasSendFrames: boolean;
}

/** Error codes of OCPP-J 2.0.1 and 2.1 (part 4, section 4.3). */
export const errorCodes2x: Record<ErrorKind, string> = {
  notImplemented: 'NotImplemented',
  notSupported: 'NotSupported',
  internal: 'InternalError',
  protocol: 'ProtocolError',
  security: 'SecurityError',
  format: 'FormatViolation',
  property: 'PropertyConstraintViolation',
  occurrence: 'OccurrenceConstraintViolation',
  type: 'TypeConstraintViolation',
  generic: 'GenericError',
  messageTypeNotSupported: 'MessageTypeNotSupported',
  rpcFramework: 'RpcFrameworkError',
};

/** OCPP-J 2.x: a frame that is not a valid RPC message is an RpcFrameworkError; an unknown type number is MessageTypeNotSupported. */
export function frameProblem2x(problem: FrameProblem['problem']): ErrorKind {
  switch (problem) {
    case 'unknown-message-type':
      return 'messageTypeNotSupported';
    case 'bad-payload':
      return 'format';
    default:
      return 'rpcFramework';
  }
}
