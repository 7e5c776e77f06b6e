/**
 * fast-check arbitraries from OCA's JSON schemas: schema-VALID payloads with absurd values
 * (timestamps far in the past and future, huge and negative numbers where the schema allows
 * them, strings at their maximum length with odd characters, arrays at their bounds), and
 * payloads with exactly one violation whose OCPP-J error kind is known in advance.
 *
 * Covers the keywords OCA's 1.6, 2.0.1 and 2.1 schemas use: $ref to #/definitions, type,
 * properties, required, additionalProperties, enum, maxLength, format (date-time, uri),
 * minimum, maximum, multipleOf, items, minItems, maxItems.
 */
import fc from 'fast-check';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  enum?: unknown[];
  maxLength?: number;
  format?: string;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  definitions?: Record<string, Schema>;
};

/** The version-neutral error kinds (src/ocpp/dialect.ts) a single violation must be answered with. */
export type ViolationKind = 'type' | 'occurrence' | 'property' | 'format';

export interface Invalid {
  payload: unknown;
  kind: ViolationKind;
  what: string;
}

const ODD_TEXT = ['', ' ', '\u0000', "'; DROP TABLE stations; --", '../../etc/passwd', '%00%2F', '\u202e\u0301', '💥🔌', '\uffff', '\\', '"', '<script>'];

const DATE_TIMES = [
  '0001-01-01T00:00:00Z',
  '1900-01-01T00:00:00.000Z',
  '1970-01-01T00:00:00Z',
  '2038-01-19T03:14:08Z',
  '9999-12-31T23:59:59.999Z',
  '2026-02-29T00:00:00Z',
  '2025-06-01T12:00:00+14:00',
  '2025-06-01T12:00:00-12:00',
  '2025-06-01T12:00:00',
];

const HUGE_INTEGERS = [0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e20, -1e20, 1e300];
const HUGE_NUMBERS = [...HUGE_INTEGERS, -0, 0.1, -0.5, 1e-300, 5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 123456789.123456789];
/**
 * OCPP's integers are 32 bits (2.0.1 part 2); Straumur's validator holds OCA's schemas to it
 * (src/ocpp/schemas.ts), except 1.6's energy registers, which may reach 2^53.
 */
const REGISTERS = new Set(['meterStart', 'meterStop']);
/** EVSE and connector numbers start at 0. */
const NUMBERS = new Set(['connectorId', 'evseId', 'EVSEType.id']);
function integerBounds(s: Schema, key: string, owner = ''): { min: number; max: number } {
  const from0 = NUMBERS.has(key) || NUMBERS.has(`${owner}.${key}`);
  const [lo, hi] = REGISTERS.has(key) ? [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] : [from0 ? 0 : -(2 ** 31), 2 ** 31 - 1];
  return { min: Math.max(s.minimum ?? lo, lo), max: Math.min(s.maximum ?? hi, hi) };
}

export function resolve(schema: Schema, root: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.replace('#/definitions/', '');
    const target = root.definitions?.[name];
    if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
    s = target;
  }
  return s;
}

const typeOf = (s: Schema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

function stringArb(s: Schema): fc.Arbitrary<string> {
  if (s.format === 'date-time') {
    const d = fc
      .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
      .map((x) => x.toISOString());
    return fc.oneof(d, fc.constantFrom(...DATE_TIMES));
  }
  if (s.format === 'uri') return fc.oneof(fc.webUrl(), fc.constant('ftp://example.test/a%20b'));
  const max = s.maxLength ?? 200;
  const odd = fc.constantFrom(...ODD_TEXT.filter((t) => t.length <= max));
  const full = fc.string({ unit: 'binary', minLength: max, maxLength: max });
  return fc.oneof({ weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: Math.min(max, 40) }) }, { weight: 1, arbitrary: odd }, { weight: 1, arbitrary: full });
}

function numberArb(s: Schema, integer: boolean, key: string, owner: string): fc.Arbitrary<number> {
  const { min, max } = integer ? integerBounds(s, key, owner) : { min: s.minimum, max: s.maximum };
  const inRange = (n: number) => (min === undefined || n >= min) && (max === undefined || n <= max);
  if (s.multipleOf) {
    const step = s.multipleOf;
    const lo = min === undefined ? -1e9 : Math.ceil(min / step);
    const hi = max === undefined ? 1e9 : Math.floor(max / step);
    return fc.integer({ min: Math.max(lo, -1e9), max: Math.min(hi, 1e9) }).map((k) => Number((k * step).toFixed(9)));
  }
  const extremes = (integer ? HUGE_INTEGERS : HUGE_NUMBERS).filter(inRange);
  if (min !== undefined) extremes.push(min);
  if (max !== undefined) extremes.push(max);
  const body = integer
    ? fc.integer({ min: min ?? -(2 ** 31), max: max ?? 2 ** 31 - 1 })
    : fc.double({ min: min ?? -1e12, max: max ?? 1e12, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 2, arbitrary: body }, { weight: 1, arbitrary: fc.constantFrom(...extremes) });
}

/** Any JSON, a deeply nested value now and then (OCA's `anyType`, e.g. 2.x DataTransfer.data). */
const anyJson = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 300 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown) },
);

/** Schema-valid values, absurd where the schema allows. */
export function validArb(schema: Schema, root: Schema = schema, depth = 0, key = '', parent = ''): fc.Arbitrary<unknown> {
  const s = resolve(schema, root);
  // The definition an object comes from, so its properties know their owner (EVSEType.id).
  const owner = schema.$ref ? schema.$ref.replace('#/definitions/', '') : parent;
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (typeOf(s)) {
    case 'object': {
      const props = s.properties ?? {};
      const required = s.required ?? [];
      // Deep optional branches are kept shallow so a payload stays a reasonable size.
      const keys = Object.keys(props).filter((k) => required.includes(k) || depth < 4);
      const shape = Object.fromEntries(keys.map((k) => [k, validArb(props[k]!, root, depth + 1, k, owner)]));
      return fc.record(shape, { requiredKeys: required.filter((k) => k in shape) });
    }
    case 'array': {
      const item = validArb(s.items ?? {}, root, depth + 1);
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? minLength + 3, minLength + 3);
      return fc.array(item, { minLength, maxLength });
    }
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true, key, parent);
    case 'number':
      return numberArb(s, false, key, parent);
    case 'boolean':
      return fc.boolean();
    default:
      return anyJson;
  }
}

const wrongTypeFor = (t: string | undefined): unknown => (t === 'string' ? 42 : t === 'object' || t === 'array' ? 'not-a-structure' : 'seven');

/**
 * One violation in an otherwise valid payload, at the top level or one object deeper, with
 * the error kind OCPP-J defines for it: a missing required property (occurrence), a value of
 * the wrong type (type), a string over maxLength or a value outside an enum or a range
 * (property), an unknown property where additionalProperties is false (format).
 */
export function invalidArb(schema: Schema, root: Schema = schema): fc.Arbitrary<Invalid> {
  return fc.tuple(validArb(schema, root), fc.nat(), fc.nat()).map(([valid, pick, path]) => mutate(structuredClone(valid), resolve(schema, root), root, pick, path));
}

function mutate(value: unknown, s: Schema, root: Schema, pick: number, path: number): Invalid {
  const obj = value as Record<string, unknown>;
  const props = s.properties ?? {};
  // Descend into a present object-typed property now and then, to put the violation deeper.
  const nested = Object.keys(props).filter((k) => {
    const ps = resolve(props[k]!, root);
    return typeOf(ps) === 'object' && !ps.enum && obj[k] && typeof obj[k] === 'object';
  });
  if (nested.length > 0 && path % 3 === 0) {
    const k = nested[pick % nested.length]!;
    const inner = mutate(obj[k], resolve(props[k]!, root), root, Math.floor(pick / 7), Math.floor(path / 3) + 1);
    obj[k] = inner.payload;
    return { payload: obj, kind: inner.kind, what: `${k}.${inner.what}` };
  }
  const options: Array<() => Invalid> = [];
  for (const k of s.required ?? []) {
    options.push(() => {
      delete obj[k];
      return { payload: obj, kind: 'occurrence', what: `missing ${k}` };
    });
  }
  for (const [k, raw] of Object.entries(props)) {
    const ps = resolve(raw, root);
    const t = typeOf(ps);
    if (t) {
      options.push(() => {
        obj[k] = wrongTypeFor(t);
        return { payload: obj, kind: 'type', what: `${k} of the wrong type` };
      });
    }
    if (ps.enum && t === 'string') {
      options.push(() => {
        obj[k] = 'NoSuchValue';
        return { payload: obj, kind: 'property', what: `${k} outside its enum` };
      });
    } else if (t === 'string' && ps.maxLength !== undefined && !ps.format) {
      options.push(() => {
        obj[k] = 'x'.repeat(ps.maxLength! + 1);
        return { payload: obj, kind: 'property', what: `${k} over ${ps.maxLength} characters` };
      });
    } else if (t === 'integer') {
      options.push(() => {
        obj[k] = integerBounds(ps, k).max + 1;
        return { payload: obj, kind: 'property', what: `${k} above its maximum` };
      });
    } else if (t === 'number' && ps.minimum !== undefined) {
      options.push(() => {
        obj[k] = ps.minimum! - 1;
        return { payload: obj, kind: 'property', what: `${k} below its minimum` };
      });
    }
  }
  if (s.additionalProperties === false) {
    options.push(() => {
      obj.surpriseProperty = 1;
      return { payload: obj, kind: 'format', what: 'an unknown property' };
    });
  }
  if (options.length === 0) return { payload: [], kind: 'format', what: 'an array for the payload' };
  return options[pick % options.length]!();
}
