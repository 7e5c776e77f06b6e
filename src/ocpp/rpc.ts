/**
 * OCPP-J framing: parse and serialise CALL, CALLRESULT and CALLERROR (and OCPP 2.1's
 * CALLRESULTERROR and SEND). Pure functions, no socket; what a problem is called on the wire
 * differs by version and is decided by the caller (see dialect.ts).
 *
 *   CALL            [2, "<messageId>", "<action>", {payload}]
 *   CALLRESULT      [3, "<messageId>", {payload}]
 *   CALLERROR       [4, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]
 *   CALLRESULTERROR [5, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]  (2.1)
 *   SEND            [6, "<messageId>", "<action>", {payload}]                                  (2.1)
 */

export const MessageType = { call: 2, result: 3, error: 4, resultError: 5, send: 6 } as const;

export type Payload = Record<string, unknown>;

export type Frame =
  | { kind: 'call'; id: string; action: string; payload: Payload }
  | { kind: 'send'; id: string; action: string; payload: Payload }
  | { kind: 'result'; id: string; payload: Payload }
  | { kind: 'error'; id: string; code: string; description: string; details: Payload }
  | { kind: 'resultError'; id: string; code: string; description: string; details: Payload };

/**
 * Why a frame could not be read. `id` is present when the message id could be read, and
 * `messageType` when the type number could, so the reader can tell whether the frame was a
 * CALL (to be answered with a CALLERROR) or a reply (never answered).
 */
export type FrameProblem = {
  problem: 'invalid-json' | 'not-a-frame' | 'unknown-message-type' | 'bad-call' | 'bad-payload';
  detail: string;
  id?: string;
  messageType?: number;
  action?: string;
};

export type ParseResult = { ok: true; frame: Frame } | ({ ok: false } & FrameProblem);

/** OCPP 2.0.1 part 4: a message id is a string of at most 36 characters. */
const MAX_ID_LENGTH = 36;

/**
 * How deep a frame may nest, counting the frame's own array. OCA's deepest payload
 * (2.x ReportChargingProfiles) is 14 levels; vendor data (DataTransfer, customData) may go
 * deeper but not this deep. Deeper JSON would overflow the stack of every recursive walk
 * after the parse (schema validation, the message log's JSON.stringify).
 */
export const MAX_NESTING = 64;

/** The deepest nesting of arrays and objects in JSON text, stopping once past `limit`. No recursion. */
export function nestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * PostgreSQL's text and jsonb cannot hold U+0000, which JSON can carry as an escape; every
 * string (and key) of a payload gets U+FFFD in its place, so a station's NUL never turns a
 * schema-valid CALL into a database error. Payloads are at most MAX_NESTING deep here.
 */
function withoutNul(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll('\u0000', '\ufffd');
  if (Array.isArray(v)) return v.map(withoutNul);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replaceAll('\u0000', '\ufffd'), withoutNul(x)]));
}

const isPlainObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);

function readId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) return undefined;
  return value;
}

export function parseFrame(text: string): ParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: 'invalid-json', detail: `The frame is not valid JSON: ${(err as Error).message}` };
  }
  if (!Array.isArray(parsed)) {
    return { ok: false, problem: 'not-a-frame', detail: 'An OCPP-J frame is a JSON array of 3 to 5 elements' };
  }
  let data: unknown[] = parsed;
  const [type, rawId] = data;
  const id = readId(rawId);
  if (text.length > 2 * MAX_NESTING && nestingDepth(text, MAX_NESTING) > MAX_NESTING && id !== undefined && typeof type === 'number') {
    const action = (type === MessageType.call || type === MessageType.send) && typeof data[2] === 'string' ? data[2].slice(0, 64) : undefined;
    const detail = `The frame is nested deeper than ${MAX_NESTING} levels`;
    return { ok: false, problem: 'bad-payload', id, messageType: type, detail, ...(action ? { action } : {}) };
  }
  if (text.includes('\\u0000')) data = [type, rawId, ...data.slice(2).map(withoutNul)];
  if (data.length < 3) {
    return {
      ok: false,
      problem: 'not-a-frame',
      detail: 'An OCPP-J frame is a JSON array of 3 to 5 elements',
      ...(typeof type === 'number' && Number.isInteger(type) ? { messageType: type } : {}),
      ...(id ? { id } : {}),
    };
  }
  if (typeof type !== 'number' || !Number.isInteger(type)) {
    return { ok: false, problem: 'not-a-frame', detail: 'The first element must be the message type number', ...(id ? { id } : {}) };
  }
  if (id === undefined) {
    return {
      ok: false,
      problem: 'not-a-frame',
      messageType: type,
      detail: `The message id must be a string of 1 to ${MAX_ID_LENGTH} characters`,
    };
  }
  switch (type) {
    case MessageType.call:
    case MessageType.send:
      return parseCall(data, id, type === MessageType.call ? 'call' : 'send');
    case MessageType.result:
      if (data.length !== 3) return { ok: false, problem: 'bad-call', id, messageType: type, detail: 'A CALLRESULT has exactly 3 elements' };
      if (!isPlainObject(data[2])) {
        return { ok: false, problem: 'bad-payload', id, messageType: type, detail: 'The CALLRESULT payload must be a JSON object' };
      }
      return { ok: true, frame: { kind: 'result', id, payload: data[2] } };
    case MessageType.error:
    case MessageType.resultError:
      return parseError(data, id, type === MessageType.error ? 'error' : 'resultError');
    default:
      return { ok: false, problem: 'unknown-message-type', id, messageType: type, detail: `Message type ${type} is not supported` };
  }
}

function parseCall(data: unknown[], id: string, kind: 'call' | 'send'): ParseResult {
  const messageType = kind === 'call' ? MessageType.call : MessageType.send;
  if (data.length !== 4) return { ok: false, problem: 'bad-call', id, messageType, detail: 'A CALL has exactly 4 elements' };
  const action = data[2];
  if (typeof action !== 'string' || action.length === 0 || action.length > 64) {
    return { ok: false, problem: 'bad-call', id, messageType, detail: 'The action must be a name of 1 to 64 characters' };
  }
  if (!isPlainObject(data[3])) {
    return { ok: false, problem: 'bad-payload', id, messageType, action, detail: 'The payload must be a JSON object' };
  }
  return { ok: true, frame: { kind, id, action, payload: data[3] } };
}

function parseError(data: unknown[], id: string, kind: 'error' | 'resultError'): ParseResult {
  const [type, , code, description, details] = data;
  if (data.length < 4 || data.length > 5 || typeof code !== 'string' || (description !== undefined && typeof description !== 'string')) {
    return {
      ok: false,
      problem: 'bad-call',
      id,
      messageType: type as number,
      detail: 'A CALLERROR is [4, id, errorCode, errorDescription, errorDetails]',
    };
  }
  return {
    ok: true,
    frame: { kind, id, code, description: description ?? '', details: isPlainObject(details) ? details : {} },
  };
}

export const serializeCall = (id: string, action: string, payload: Payload): string =>
  JSON.stringify([MessageType.call, id, action, payload]);

export const serializeResult = (id: string, payload: Payload): string => JSON.stringify([MessageType.result, id, payload]);

/** OCPP-J: the description is at most 255 characters; details is always an object. */
export const serializeError = (id: string, code: string, description: string, details: Payload = {}): string =>
  JSON.stringify([MessageType.error, id, code, description.slice(0, 255), details]);

/** The message id used to answer a frame whose id could not be read (OCPP 2.0.1 part 4, section 4.2.3). */
export const UNREADABLE_ID = '-1';
