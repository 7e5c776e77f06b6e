/**
 * Writes web/src/api/schema.d.ts, the web client's types, from the server's own OpenAPI
 * document: the app is built on an in-memory database and asked for its document, without
 * listening. Run after changing a route's schema: `npm run gen:api-types`
 * (test/web-api-types.test.ts fails while the file is stale). `--print` writes to stdout.
 */
import { writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { createLogger } from '../src/log.ts';
import { openApiToTs } from './openapi-to-ts.ts';

export const typesFile = new URL('../web/src/api/schema.d.ts', import.meta.url);

/** The server's OpenAPI document, from an app that never listens. */
export async function serverOpenApi(): Promise<unknown> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', API_DOCS: 'false', ADMIN_EMAIL: 'gen@example.invalid', ADMIN_PASSWORD: 'not-a-real-password' });
  const database = await openDatabase({ pglite: await PGlite.create() });
  const app = await buildApp(config, { database, log: createLogger('silent') });
  try {
    return app.http.swagger();
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = await serverOpenApi();
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(doc, null, 2));
  else if (process.argv.includes('--print')) process.stdout.write(openApiToTs(doc as never));
  else {
    await writeFile(typesFile, openApiToTs(doc as never));
    process.stdout.write(`wrote ${typesFile.pathname}\n`);
  }
}
