/**
 * The web client's types are generated from the server's OpenAPI document; this fails while
 * web/src/api/schema.d.ts is older than the routes (fix: npm run gen:api-types).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { serverOpenApi, typesFile } from '../scripts/gen-api-types.ts';
import { openApiToTs, toTs } from '../scripts/openapi-to-ts.ts';

test('web/src/api/schema.d.ts matches the server OpenAPI document', async () => {
  const expected = openApiToTs((await serverOpenApi()) as never);
  assert.ok(expected === (await readFile(typesFile, 'utf8')), 'web/src/api/schema.d.ts is stale: run npm run gen:api-types');
});

test('JSON Schema shapes become the TypeScript the client checks against', () => {
  assert.equal(toTs({ type: 'string' }), 'string');
  assert.equal(toTs({ type: ['string', 'null'] }), 'string | null');
  assert.equal(toTs({ anyOf: [{ type: 'integer' }, { type: 'null' }] }), 'number | null');
  assert.equal(toTs({ enum: ['a', 'b'] }), '"a" | "b"');
  assert.equal(toTs({ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } }), '(string | number)[]');
  assert.equal(toTs({ type: 'object', properties: { a: { type: 'string' } }, required: [] }), '{\n  a?: string;\n}');
  assert.equal(toTs({ $ref: '#/components/schemas/Station' }), 'components["schemas"]["Station"]');
  assert.equal(toTs({}), 'unknown');
});
