/** The protocol edge: the gateway and one folder per OCPP version. */
import type { Protocol } from './connection.ts';
import type { OcppVersion } from './dialect.ts';
import type { OcppDeps } from './deps.ts';
import { compileRoutes } from './route.ts';
import { compileSchemas } from './schemas.ts';
import * as v16 from './v16/index.ts';
import * as v201 from './v201/index.ts';
import * as v21 from './v21/index.ts';

const versions = [v16, v201, v21];

/** Compiles every version's schemas and routes once, at boot. */
export function buildProtocols(deps: OcppDeps): Map<OcppVersion, Protocol> {
  const out = new Map<OcppVersion, Protocol>();
  for (const v of versions) {
    const schemas = compileSchemas(v.schemaFile);
    for (const t of Object.values(v.commands)) {
      if (!schemas.has(v.dialect.requestSchemaId(t.action))) throw new Error(`OCPP ${v.dialect.version}: no schema for ${t.action}`);
    }
    out.set(v.dialect.version, {
      dialect: v.dialect,
      schemas,
      routes: compileRoutes(v.dialect, schemas, v.routes(deps)),
      commands: v.commands,
      stationOnly: new Set(v.stationOnly),
    });
  }
  return out;
}

export { Gateway, CLOSE_SERVICE_RESTART } from './gateway.ts';
export { createCommandPort } from './command-port.ts';
export type { CallOutcome, Protocol } from './connection.ts';
export type { OcppVersion } from './dialect.ts';
export type { OcppDeps } from './deps.ts';
