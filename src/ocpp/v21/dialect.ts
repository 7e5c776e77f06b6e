import { type Dialect, errorCodes2x, frameProblem2x } from '../dialect.ts';

export const dialect: Dialect = {
  version: '2.1',
  subprotocol: 'ocpp2.1',
  // OCA's 2.1 schemas are keyed `urn:XRequest` / `urn:XResponse`.
  requestSchemaId: (action) => `urn:${action}Request`,
  responseSchemaId: (action) => `urn:${action}Response`,
  errorCode: (kind) => errorCodes2x[kind],
  frameProblem: frameProblem2x,
  hasSendFrames: true,
};
