/**
 * The official OCA JSON schemas (shipped unmodified in `ocpp-rpc/lib/schemas`), compiled once
 * per process with Ajv, and the mapping from a schema violation to a version-neutral error
 * kind that each dialect names on the wire.
 */
import { createRequire } from 'node:module';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fastUri from 'fast-uri';
import type { ErrorKind } from './dialect.ts';

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;
const require = createRequire(import.meta.url);

export type SchemaFile = 'ocpp1_6' | 'ocpp2_0_1' | 'ocpp2_1';

export interface ValidationFailure {
  kind: Extract<ErrorKind, 'format' | 'property' | 'occurrence' | 'type'>;
  message: string;
}

export type PayloadValidator = (payload: unknown) => ValidationFailure | null;

/**
 * OCA's schema ids are URNs without a namespace id (`urn:BootNotification.req`), which
 * fast-uri refuses to serialise; keep them as they are.
 */
const uriResolver = {
  ...fastUri,
  serialize(c: fastUri.URIComponent, opts?: fastUri.Options): string {
    if (c.scheme === 'urn' && (c as { nid?: string }).nid === undefined) {
      return `urn:${c.path ?? ''}${c.query ? `?${c.query}` : ''}${c.fragment !== undefined ? `#${c.fragment}` : ''}`;
    }
    return fastUri.serialize(c, opts);
  },
};

/**
 * RFC 3339 date-time. A missing offset is read as UTC: some 1.6 firmware omits it, and
 * refusing those frames would make the station retry them forever. What Straumur sends
 * always carries `Z`.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/;
export const isOcppDateTime = (s: string): boolean => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s));

/** Which error a violated keyword is, by the OCPP-J definitions of the error codes. */
function kindOf(e: ErrorObject): ValidationFailure['kind'] {
  switch (e.keyword) {
    case 'type':
      return 'type';
    case 'required':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return 'occurrence';
    case 'enum':
    case 'const':
    case 'maxLength':
    case 'minLength':
    case 'pattern':
    case 'format':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
      return 'property';
    default:
      return 'format';
  }
}

function describe(e: ErrorObject): string {
  const where = e.instancePath ? `'${e.instancePath.slice(1).replace(/\//g, '.')}'` : 'the payload';
  if (e.keyword === 'required') return `${where} is missing '${(e.params as { missingProperty: string }).missingProperty}'`;
  if (e.keyword === 'additionalProperties') {
    return `${where} has an unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  }
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
/** 1.6's energy registers are Wh since the meter was made: they outgrow 32 bits (2.1 GWh) and are stored as bigint. */
const REGISTERS = new Set(['meterStart', 'meterStop']);
/** EVSE and connector numbers are never negative (1.6: connectorId >= 0; 2.x: EVSE 0 is the station itself). */
const NUMBERS = new Set(['connectorId', 'evseId', 'EVSEType.id']);

function bounds(key: string): { lo: number; hi: number } {
  if (REGISTERS.has(key)) return { lo: -Number.MAX_SAFE_INTEGER, hi: Number.MAX_SAFE_INTEGER };
  return { lo: NUMBERS.has(key) ? 0 : INT32.min, hi: INT32.max };
}

/**
 * OCPP 2.0.1 part 2 defines `integer` as 32 bits, and 1.6's integers (ids, connector numbers,
 * intervals) are used the same way; OCA's schemas do not say it. The compiled copy of each
 * schema bounds every integer to 32 bits (a 1.6 energy register to 2^53; EVSE and connector
 * numbers from 0), so 1e20 as a requestId or -5 as an EVSE is a PropertyConstraintViolation,
 * not a database error or a connector that cannot exist. The files stay as OCA published
 * them; only what Ajv compiles carries the bounds.
 */
function boundIntegers(node: unknown, key = '', owner = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => boundIntegers(n, '', owner));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties') out[k] = boundProperties(v, owner);
    else if (k === 'definitions' && typeof v === 'object' && v !== null) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, d]) => [name, boundIntegers(d, '', name)]));
    } else out[k] = boundIntegers(v, '', owner);
  }
  if (out.type === 'integer') {
    const { lo, hi } = bounds(NUMBERS.has(`${owner}.${key}`) ? `${owner}.${key}` : key);
    out.minimum = Math.max(typeof out.minimum === 'number' ? out.minimum : lo, lo);
    out.maximum = Math.min(typeof out.maximum === 'number' ? out.maximum : hi, hi);
  }
  return out;
}

const boundProperties = (props: unknown, owner: string): unknown =>
  typeof props === 'object' && props !== null ? Object.fromEntries(Object.entries(props).map(([k, v]) => [k, boundIntegers(v, k, owner)])) : props;

const cache = new Map<SchemaFile, Map<string, PayloadValidator>>();

/** Every schema of a version, compiled, keyed by its `$id`. Compiled on first use, then shared. */
export function compileSchemas(file: SchemaFile): Map<string, PayloadValidator> {
  const hit = cache.get(file);
  if (hit) return hit;
  const ajv = new Ajv({ strict: false, allErrors: false, multipleOfPrecision: 9, uriResolver });
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isOcppDateTime });
  const schemas = require(`ocpp-rpc/lib/schemas/${file}.json`) as Array<{ $id: string }>;
  for (const s of schemas) ajv.addSchema(boundIntegers(s) as { $id: string });
  const out = new Map<string, PayloadValidator>();
  for (const s of schemas) {
    const fn = ajv.getSchema(s.$id) as ValidateFunction | undefined;
    if (!fn) throw new Error(`OCPP schema ${s.$id} in ${file} did not compile`);
    out.set(s.$id, (payload) => {
      if (fn(payload)) return null;
      const first = fn.errors?.[0];
      if (!first) return { kind: 'format', message: 'the payload does not match its schema' };
      return { kind: kindOf(first), message: describe(first) };
    });
  }
  cache.set(file, out);
  return out;
}
