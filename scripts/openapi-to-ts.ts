/**
 * The server's OpenAPI 3.1 document as TypeScript, in the shape openapi-fetch reads (the
 * `paths` and `components` interfaces openapi-typescript writes). Written here rather than
 * taken from openapi-typescript, whose peer range stops at TypeScript 5 (ADR 0020); the
 * TypeBox schemas use a small part of JSON Schema, and that part is all this handles.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  description?: string;
  format?: string;
};

interface Parameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
  description?: string;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  summary?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ident = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k: string) => (ident.test(k) ? k : JSON.stringify(k));
const pad = (depth: number) => '  '.repeat(depth);
const doc = (text: string | undefined, depth: number) => (text ? `${pad(depth)}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ')} */\n` : '');

function literal(v: unknown): string {
  return v === null ? 'null' : JSON.stringify(v);
}

function primitive(type: string, s: Schema, depth: number): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return s.items ? `${wrap(toTs(s.items, depth))}[]` : 'unknown[]';
    case 'object':
      return objectType(s, depth);
    default:
      return 'unknown';
  }
}

/** Parenthesise unions before `[]`. */
const wrap = (t: string) => (/^[\w."$[\]<>]+$/.test(t) || t.startsWith('{') ? t : `(${t})`);

function objectType(s: Schema, depth: number): string {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  const lines = props.map(([k, v]) => `${doc(v.description, depth + 1)}${pad(depth + 1)}${key(k)}${required.has(k) ? '' : '?'}: ${toTs(v, depth + 1)};`);
  const extra = s.additionalProperties ?? (s.patternProperties ? Object.values(s.patternProperties)[0] : undefined);
  if (extra) lines.push(`${pad(depth + 1)}[key: string]: ${extra === true ? 'unknown' : props.length ? 'unknown' : toTs(extra, depth + 1)};`);
  if (lines.length === 0) return s.additionalProperties === false ? 'Record<string, never>' : 'Record<string, unknown>';
  return `{\n${lines.join('\n')}\n${pad(depth)}}`;
}

/** Shared schemas by their JSON: Fastify inlines some references, which are named again here. */
let shared = new Map<string, string>();
const refTo = (name: string) => `components["schemas"][${JSON.stringify(name)}]`;

export function toTs(s: Schema | boolean | undefined, depth = 0): string {
  if (s === undefined || s === true) return 'unknown';
  if (s === false) return 'never';
  const same = shared.get(JSON.stringify(s));
  if (same) return refTo(same);
  if (s.$ref) return refTo(s.$ref.split('/').pop() as string);
  if (s.const !== undefined) return literal(s.const);
  if (s.enum) return s.enum.map(literal).join(' | ');
  const union = s.anyOf ?? s.oneOf;
  if (union) return [...new Set(union.map((u) => toTs(u, depth)))].join(' | ');
  if (s.allOf) return s.allOf.map((u) => wrap(toTs(u, depth))).join(' & ');
  if (Array.isArray(s.type)) return s.type.map((t) => primitive(t, s, depth)).join(' | ');
  if (s.type) return primitive(s.type, s, depth);
  if (s.properties) return objectType(s, depth);
  return 'unknown';
}

function params(list: Parameter[], where: Parameter['in'], depth: number): string {
  const ps = list.filter((p) => p.in === where);
  if (ps.length === 0) return `${pad(depth)}${where}?: never;`;
  const optional = ps.every((p) => !p.required);
  const lines = ps.map((p) => `${doc(p.description, depth + 1)}${pad(depth + 1)}${key(p.name)}${p.required ? '' : '?'}: ${toTs(p.schema, depth + 1)};`);
  return `${pad(depth)}${where}${optional ? '?' : ''}: {\n${lines.join('\n')}\n${pad(depth)}};`;
}

function content(c: Record<string, { schema?: Schema }> | undefined, depth: number): string {
  const entries = Object.entries(c ?? {});
  if (entries.length === 0) return `${pad(depth)}content?: never;`;
  const lines = entries.map(([type, m]) => `${pad(depth + 1)}${JSON.stringify(type)}: ${toTs(m.schema, depth + 1)};`);
  return `${pad(depth)}content: {\n${lines.join('\n')}\n${pad(depth)}};`;
}

function operation(op: Operation, depth: number): string {
  const d = depth + 1;
  const list = op.parameters ?? [];
  const out = [`${pad(d)}parameters: {`, ...(['query', 'header', 'path', 'cookie'] as const).map((w) => params(list, w, d + 1)), `${pad(d)}};`];
  if (op.requestBody) {
    out.push(`${pad(d)}requestBody${op.requestBody.required ? '' : '?'}: {`, content(op.requestBody.content, d + 1), `${pad(d)}};`);
  } else out.push(`${pad(d)}requestBody?: never;`);
  out.push(`${pad(d)}responses: {`);
  for (const [status, r] of Object.entries(op.responses ?? {})) {
    out.push(`${pad(d + 1)}${/^\d+$/.test(status) ? status : JSON.stringify(status)}: {`, `${pad(d + 2)}headers: { [name: string]: unknown };`, content(r.content, d + 2), `${pad(d + 1)}};`);
  }
  out.push(`${pad(d)}};`);
  return `{\n${out.join('\n')}\n${pad(depth)}}`;
}

export function openApiToTs(api: OpenApiDocument): string {
  const schemas = Object.entries(api.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
  shared = new Map(schemas.map(([name, s]) => [JSON.stringify(s), name]));
  try {
    return write(api, schemas);
  } finally {
    shared = new Map();
  }
}

function write(api: OpenApiDocument, schemas: [string, Schema][]): string {
  const out = [
    '/**',
    ' * Generated by `npm run gen:api-types` from the server\'s OpenAPI document. Do not edit:',
    ' * change the route\'s schema and generate again.',
    ' */',
    '',
    'export interface paths {',
  ];
  for (const path of Object.keys(api.paths).sort()) {
    const item = api.paths[path] ?? {};
    out.push(`  ${JSON.stringify(path)}: {`);
    for (const m of methods) {
      const op = item[m];
      if (!op) continue;
      out.push(`${doc(op.summary, 2)}    ${m}: ${operation(op, 2)};`);
    }
    out.push('  };');
  }
  out.push('}', '', 'export interface components {', '  schemas: {');
  for (const [name, s] of schemas) {
    // Not named after itself: its own definition is spelled out.
    const self = shared.get(JSON.stringify(s));
    shared.delete(JSON.stringify(s));
    out.push(`${doc(s.description, 2)}    ${key(name)}: ${toTs(s, 2)};`);
    if (self) shared.set(JSON.stringify(s), self);
  }
  out.push('  };', '}', '', 'export type Schemas = components["schemas"];', '');
  return out.join('\n');
}
