import type { Dialect, ErrorKind } from '../dialect.ts';

/** OCPP-J 1.6, section 4.2.3: the 1.6 spellings (FormationViolation, OccurenceConstraintViolation) and no RPC-framework codes. */
const codes: Record<ErrorKind, string> = {
  notImplemented: 'NotImplemented',
  notSupported: 'NotSupported',
  internal: 'InternalError',
  protocol: 'ProtocolError',
  security: 'SecurityError',
  format: 'FormationViolation',
  property: 'PropertyConstraintViolation',
  occurrence: 'OccurenceConstraintViolation',
  type: 'TypeConstraintViolation',
  generic: 'GenericError',
  // 1.6 has neither; the nearest 1.6 code is ProtocolError.
  messageTypeNotSupported: 'ProtocolError',
  rpcFramework: 'ProtocolError',
};

export const dialect: Dialect = {
  version: '1.6',
  subprotocol: 'ocpp1.6',
  requestSchemaId: (action) => `urn:${action}.req`,
  responseSchemaId: (action) => `urn:${action}.conf`,
  errorCode: (kind) => codes[kind],
  // Unparseable JSON is "syntactically incorrect" (FormationViolation); a JSON value that is
  // not an OCPP-J frame is a ProtocolError.
  frameProblem: (problem) => (problem === 'invalid-json' || problem === 'bad-payload' ? 'format' : 'protocol'),
  hasSendFrames: false,
};
