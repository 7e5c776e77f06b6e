import { type Dialect, errorCodes2x, frameProblem2x } from '../dialect.ts';

export const dialect: Dialect = {
  version: '2.0.1',
  subprotocol: 'ocpp2.0.1',
  requestSchemaId: (action) => `urn:${action}.req`,
  responseSchemaId: (action) => `urn:${action}.conf`,
  errorCode: (kind) => errorCodes2x[kind],
  frameProblem: frameProblem2x,
  hasSendFrames: false,
};
