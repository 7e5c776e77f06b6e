/**
 * Properties of the framing layer (fast-check): whatever text arrives, parseFrame returns a
 * frame or a problem and never throws; a problem carries the id exactly when the id could be
 * read, so the connection can answer a CALL with a CALLERROR and ignore a broken reply; and
 * what Straumur serialises reads back the same.
 *
 * FUZZ_RUNS scales the runs (default 24 -> 3,000 per property).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_NESTING, MessageType, nestingDepth, parseFrame, serializeCall, serializeError, serializeResult } from './rpc.ts';

const RUNS = Math.max(200, Number(process.env.FUZZ_RUNS ?? 24) * 125);
const counted = { frames: 0 };
const parse = (text: string) => {
  counted.frames++;
  return parseFrame(text);
};

const validId = fc.string({ unit: 'binary', minLength: 1, maxLength: 36 });
const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Values of every JSON type, and some no well-behaved station sends. */
const oddValue = fc.oneof(
  anyJson,
  fc.constantFrom(null, true, 0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, '', '\u0000', '\ud800', 'x'.repeat(37), [], {}),
);
/** A frame-shaped array: a message type (sometimes not a number), an id (sometimes not a string), then anything. */
const frameLike = fc
  .tuple(
    fc.oneof(fc.constantFrom(2, 3, 4, 5, 6), fc.integer({ min: -10, max: 20 }), oddValue),
    fc.oneof(validId, oddValue),
    fc.array(oddValue, { maxLength: 4 }),
  )
  .map(([type, id, rest]) => JSON.stringify([type, id, ...rest]));
const deep = fc
  .tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":'), validId)
  .map(([depth, open, id]) => `[2,${JSON.stringify(id)},"DataTransfer",{"data":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}]`);
const text = fc.oneof(
  { weight: 3, arbitrary: frameLike },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('utf8')) },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: deep },
);

describe('parseFrame on hostile input', () => {
  it('never throws, and a problem always explains itself', () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = parse(t);
        if (r.ok) return;
        assert.ok(r.detail.length > 0, 'a problem says why');
        if (r.id !== undefined) assert.ok(typeof r.id === 'string' && r.id.length >= 1 && r.id.length <= 36, 'an id is 1 to 36 characters');
      }),
      { numRuns: RUNS },
    );
  });

  it('reads the id of a CALL whenever it is a string of 1 to 36 characters, so the CALL can be answered', () => {
    fc.assert(
      fc.property(validId, fc.oneof(fc.string({ maxLength: 80 }), oddValue), fc.array(oddValue, { maxLength: 3 }), (id, action, rest) => {
        const r = parse(JSON.stringify([MessageType.call, id, action, ...rest]));
        if (r.ok) {
          assert.equal(r.frame.kind, 'call');
          assert.equal(r.frame.id, id);
          return;
        }
        assert.equal(r.id, id);
        assert.equal(r.messageType, MessageType.call);
      }),
      { numRuns: RUNS },
    );
  });

  it('never takes an id that is not a string of 1 to 36 characters', () => {
    fc.assert(
      fc.property(fc.oneof(oddValue, fc.string({ minLength: 37, maxLength: 60 })), fc.constantFrom(2, 3, 4), (id, type) => {
        fc.pre(!(typeof id === 'string' && id.length >= 1 && id.length <= 36));
        const r = parse(JSON.stringify([type, id, 'Heartbeat', {}]));
        assert.equal(r.ok, false);
        if (!r.ok) assert.equal(r.id, undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a frame nested deeper than the limit as a bad payload, with its id, and reads any shallower one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), validId, (depth, id) => {
        const t = `[2,${JSON.stringify(id)},"DataTransfer",{"vendorId":"v","data":${'['.repeat(depth)}${']'.repeat(depth)}}]`;
        const r = parse(t);
        if (depth + 2 <= MAX_NESTING) return assert.ok(r.ok, `depth ${depth} is read`);
        assert.ok(!r.ok && r.problem === 'bad-payload' && r.id === id && r.action === 'DataTransfer', `depth ${depth} is a bad payload`);
      }),
      { numRuns: RUNS },
    );
  });

  it('counts nesting like JSON does: brackets inside strings and escapes do not count', () => {
    fc.assert(
      fc.property(anyJson, (v) => {
        const depthOf = (x: unknown): number =>
          typeof x === 'object' && x !== null ? 1 + Math.max(0, ...Object.values(x as object).map(depthOf)) : 0;
        assert.equal(nestingDepth(JSON.stringify(v)), depthOf(v));
      }),
      { numRuns: RUNS },
    );
  });

  it('replaces U+0000 in payloads (PostgreSQL cannot store it) and keeps the id as sent', () => {
    fc.assert(
      fc.property(validId, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (id, a, b) => {
        const r = parse(JSON.stringify([2, id, 'DataTransfer', { vendorId: `${a}\u0000${b}`, [`k\u0000${a}`]: [`\u0000`] }]));
        assert.ok(r.ok && r.frame.kind === 'call', 'the CALL is read');
        assert.equal(r.frame.id, id);
        assert.ok(!JSON.stringify(r.frame.payload).includes('\\u0000'), 'no U+0000 is left');
        assert.equal(r.frame.payload.vendorId, `${a}\ufffd${b}`.replaceAll('\u0000', '\ufffd'));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads back what it serialises', () => {
    const payload = fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 5 });
    fc.assert(
      fc.property(validId, fc.string({ minLength: 1, maxLength: 64 }), payload, (id, action, p) => {
        fc.pre(!JSON.stringify(p).includes('\\u0000'));
        assert.deepEqual(parse(serializeCall(id, action, p)), { ok: true, frame: { kind: 'call', id, action, payload: JSON.parse(JSON.stringify(p)) } });
        assert.deepEqual(parse(serializeResult(id, p)), { ok: true, frame: { kind: 'result', id, payload: JSON.parse(JSON.stringify(p)) } });
        const e = parse(serializeError(id, 'GenericError', action));
        assert.ok(e.ok && e.frame.kind === 'error' && e.frame.code === 'GenericError', 'the CALLERROR reads back');
      }),
      { numRuns: RUNS },
    );
  });

  it('reports the number of frames parsed', () => {
    process.stdout.write(`# framing fuzz: ${counted.frames} frames parsed\n`);
    assert.ok(counted.frames >= RUNS * 5, 'every property ran');
  });
});
