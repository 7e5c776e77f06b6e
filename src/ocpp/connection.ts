/**
 * One station's WebSocket after the upgrade: reads frames, answers CALLs through the
 * version's route table (one at a time, in order), and sends the CSMS's own CALLs, one in
 * flight, queued, each with a deadline. Never throws on what the station sends.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket, RawData } from 'ws';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { MessageSink } from '../messages/index.ts';
import type { CommandTable } from './command.ts';
import type { Dialect, ErrorKind } from './dialect.ts';
import { type CallContext, type CompiledRoute, isCallFailure } from './route.ts';
import {
  type Frame,
  type FrameProblem,
  MessageType,
  parseFrame,
  type Payload,
  serializeCall,
  serializeError,
  serializeResult,
  UNREADABLE_ID,
} from './rpc.ts';
import type { PayloadValidator } from './schemas.ts';

/** A version's protocol, ready to serve: its dialect, compiled routes and schemas. */
export interface Protocol {
  readonly dialect: Dialect;
  readonly routes: Map<string, CompiledRoute>;
  readonly schemas: Map<string, PayloadValidator>;
  /** How domain commands are sent in this version. */
  readonly commands: CommandTable;
  /** Actions only stations send: a raw call may not send them. */
  readonly stationOnly: ReadonlySet<string>;
}

export type CallOutcome =
  | { kind: 'result'; payload: Payload }
  | { kind: 'error'; code: string; description: string; details: Payload }
  | { kind: 'timeout' }
  | { kind: 'closed' }
  | { kind: 'busy' }
  | { kind: 'invalid-request'; message: string }
  | { kind: 'invalid-response'; message: string; payload: Payload };

export interface ConnectionDeps {
  readonly clock: Clock;
  readonly log: Logger;
  readonly messages: MessageSink;
  readonly callTimeoutMs: number;
  /** Any sign of life from the station (a frame or a pong). */
  onActivity(stationId: string, at: Date): void;
}

interface Job {
  action: string;
  payload: Payload;
  resolve: (o: CallOutcome) => void;
  timer: NodeJS.Timeout;
  id?: string;
}

/** A station sends one CALL at a time (OCPP-J 4.1.1); a burst beyond this is refused, not queued without bound. */
const MAX_INCOMING_QUEUE = 100;
const MAX_OUTGOING_QUEUE = 100;

export class StationConnection {
  readonly stationId: string;
  readonly protocol: Protocol;
  readonly socket: WebSocket;
  readonly connectedAt: Date;
  /** Cleared by each ping, set by each pong (gateway.ts). */
  alive = true;
  #deps: ConnectionDeps;
  #logger: Logger | undefined;
  #incoming: Promise<void> = Promise.resolve();
  #incomingDepth = 0;
  #queue: Job[] = [];
  #inFlight: Job | undefined;
  #closed = false;
  /** Set by closeAfterDrain: CALLs arriving after our close frame are not answered (the station sends them again after reconnecting). */
  #closing = false;
  #drained: Promise<void> | undefined;
  #wakeDrained: (() => void) | undefined;

  constructor(stationId: string, protocol: Protocol, socket: WebSocket, deps: ConnectionDeps) {
    this.stationId = stationId;
    this.protocol = protocol;
    this.socket = socket;
    this.#deps = deps;
    this.connectedAt = deps.clock.now();
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
      deps.onActivity(stationId, deps.clock.now());
    });
  }

  /** The station's logger, made on first use: most connections never log, and tens of thousands are held. */
  get #log(): Logger {
    this.#logger ??= this.#deps.log.child({ stationId: this.stationId, ocpp: this.protocol.dialect.version });
    return this.#logger;
  }

  get version() {
    return this.protocol.dialect.version;
  }

  /** Sends a CALL to the station and waits for its answer, at most `timeoutMs` in all (queue included). */
  call(action: string, payload: Payload, timeoutMs = this.#deps.callTimeoutMs): Promise<CallOutcome> {
    const validate = this.protocol.schemas.get(this.protocol.dialect.requestSchemaId(action));
    if (!validate) return Promise.resolve({ kind: 'invalid-request', message: `${action} is not an action of OCPP ${this.version}` });
    const bad = validate(payload);
    if (bad) return Promise.resolve({ kind: 'invalid-request', message: `${action}: ${bad.message}` });
    if (this.#closed) return Promise.resolve({ kind: 'closed' });
    if (this.#queue.length >= MAX_OUTGOING_QUEUE) return Promise.resolve({ kind: 'busy' });
    return new Promise((resolve) => {
      const job: Job = { action, payload, resolve, timer: setTimeout(() => this.#expire(job), timeoutMs) };
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Resolves once no CALL of the station is being answered (its answer has been sent). */
  drain(): Promise<void> {
    if (this.#incomingDepth === 0) return Promise.resolve();
    this.#drained ??= new Promise<void>((resolve) => (this.#wakeDrained = resolve));
    return this.#drained;
  }

  /**
   * Graceful shutdown: waits (at most until `deadline` settles) for the CALLs being answered,
   * then closes with `code`. What the station sends after that is left for it to send again.
   */
  async closeAfterDrain(code: number, reason: string, deadline: Promise<void>): Promise<void> {
    await Promise.race([this.drain(), deadline]);
    this.#closing = true;
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) this.socket.close(code, reason);
  }

  /** Ends every pending call; called once the socket has closed. */
  dispose(): void {
    this.#closed = true;
    const pending = [...(this.#inFlight ? [this.#inFlight] : []), ...this.#queue];
    this.#inFlight = undefined;
    this.#queue = [];
    for (const job of pending) {
      clearTimeout(job.timer);
      job.resolve({ kind: 'closed' });
    }
  }

  #expire(job: Job): void {
    if (this.#inFlight === job) {
      this.#inFlight = undefined;
      this.#log.warn({ action: job.action, messageId: job.id }, 'station did not answer in time');
      this.#pump();
    } else {
      this.#queue = this.#queue.filter((j) => j !== job);
    }
    job.resolve({ kind: 'timeout' });
  }

  #pump(): void {
    if (this.#inFlight || this.#closed) return;
    const job = this.#queue.shift();
    if (!job) return;
    job.id = randomUUID();
    this.#inFlight = job;
    this.#send(serializeCall(job.id, job.action, job.payload), MessageType.call, job.id, job.action, job.payload, null);
  }

  #send(text: string, messageType: number, messageId: string, action: string | null, payload: unknown, errorCode: string | null): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text);
    this.#deps.messages.record({
      stationId: this.stationId,
      direction: 'out',
      messageType,
      messageId,
      action,
      payload,
      errorCode,
      at: this.#deps.clock.now(),
    });
  }

  #sendError(id: string, kind: ErrorKind, description: string, action: string | null, details: Payload = {}): void {
    const code = this.protocol.dialect.errorCode(kind);
    this.#send(serializeError(id, code, description, details), MessageType.error, id, action, { description, details }, code);
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    const at = this.#deps.clock.now();
    this.#deps.onActivity(this.stationId, at);
    // OCPP-J uses text frames; some firmware sends its JSON as binary frames, read them the same way.
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8');
    const parsed = parseFrame(text);
    if (!parsed.ok) return this.#onProblem(parsed, text, at, isBinary);
    const frame = parsed.frame;
    this.#deps.messages.record({
      stationId: this.stationId,
      direction: 'in',
      messageType: MessageType[frame.kind],
      messageId: frame.id,
      action: 'action' in frame ? frame.action : (this.#inFlight?.id === frame.id ? this.#inFlight.action : null),
      payload: 'payload' in frame ? frame.payload : { description: frame.description, details: frame.details },
      errorCode: 'code' in frame ? frame.code : null,
      at,
    });
    switch (frame.kind) {
      case 'call':
        return this.#enqueueCall(frame, at);
      case 'result':
      case 'error':
        return this.#onReply(frame);
      case 'send':
      case 'resultError':
        if (!this.protocol.dialect.hasSendFrames) {
          // OCPP 2.0.1 has no message types 5 and 6.
          return this.#sendError(frame.id, 'messageTypeNotSupported', `Message type ${MessageType[frame.kind]} is not supported in OCPP ${this.version}`, null);
        }
        // OCPP 2.1: neither is answered. A CALLRESULTERROR reports that our CALLRESULT was refused.
        this.#log.warn({ frame }, frame.kind === 'send' ? 'SEND frame not handled' : 'station refused our CALLRESULT');
        return;
    }
  }

  #onProblem(p: FrameProblem, text: string, at: Date, isBinary: boolean): void {
    this.#log.warn({ problem: p.problem, detail: p.detail, frame: text.slice(0, 500), isBinary }, 'unreadable OCPP frame');
    this.#deps.messages.record({
      stationId: this.stationId,
      direction: 'in',
      messageType: p.messageType ?? 0,
      messageId: p.id ?? UNREADABLE_ID,
      action: p.action ?? null,
      payload: { unreadable: text.slice(0, 2000) },
      errorCode: null,
      at,
    });
    // A CALLERROR answers a CALL, or a frame whose type could not be told; never a reply.
    const answerable = p.messageType === undefined || p.messageType === MessageType.call || p.problem === 'unknown-message-type';
    if (!answerable) return;
    this.#sendError(p.id ?? UNREADABLE_ID, this.protocol.dialect.frameProblem(p.problem), p.detail, p.action ?? null);
  }

  #enqueueCall(frame: Extract<Frame, { kind: 'call' }>, at: Date): void {
    if (this.#closing) return this.#log.debug({ action: frame.action, messageId: frame.id }, 'CALL after our close frame left unanswered');
    if (this.#incomingDepth >= MAX_INCOMING_QUEUE) {
      return this.#sendError(frame.id, 'generic', 'Too many CALLs without waiting for their answers', frame.action);
    }
    this.#incomingDepth++;
    this.#incoming = this.#incoming
      .then(() => this.#handleCall(frame, at))
      .catch((err: unknown) => this.#log.error({ err }, 'failed to answer a CALL'))
      .finally(() => {
        if (--this.#incomingDepth > 0 || !this.#wakeDrained) return;
        this.#wakeDrained();
        this.#wakeDrained = undefined;
        this.#drained = undefined;
      });
  }

  async #handleCall(frame: Extract<Frame, { kind: 'call' }>, receivedAt: Date): Promise<void> {
    const route = this.protocol.routes.get(frame.action);
    if (!route) {
      return this.#sendError(frame.id, 'notImplemented', `${frame.action} is not implemented by this CSMS for OCPP ${this.version}`, frame.action);
    }
    const bad = route.validateRequest(frame.payload);
    if (bad) return this.#sendError(frame.id, bad.kind, `${frame.action}: ${bad.message}`, frame.action);
    const conn = this;
    const ctx: CallContext = {
      stationId: this.stationId,
      version: this.version,
      receivedAt,
      get log() {
        return conn.#log;
      },
    };
    let response: unknown;
    try {
      response = await route.handle(ctx, frame.payload);
    } catch (err) {
      this.#log.error({ err, action: frame.action }, 'handler failed');
      return this.#sendError(frame.id, 'internal', `The CSMS could not process ${frame.action}; try again later`, frame.action);
    }
    if (isCallFailure(response)) {
      return this.#sendError(frame.id, response.failure, response.description, frame.action, response.details);
    }
    const badResponse = route.validateResponse(response);
    if (badResponse) {
      this.#log.error({ action: frame.action, problem: badResponse.message, response }, 'our response fails its schema');
      return this.#sendError(frame.id, 'internal', `The CSMS produced an invalid ${frame.action} response`, frame.action);
    }
    this.#send(serializeResult(frame.id, response as Payload), MessageType.result, frame.id, frame.action, response, null);
  }

  #onReply(frame: Extract<Frame, { kind: 'result' | 'error' }>): void {
    const job = this.#inFlight;
    if (!job || job.id !== frame.id) {
      this.#log.warn({ messageId: frame.id, kind: frame.kind }, 'late or unknown reply dropped');
      return;
    }
    clearTimeout(job.timer);
    this.#inFlight = undefined;
    if (frame.kind === 'error') {
      job.resolve({ kind: 'error', code: frame.code, description: frame.description, details: frame.details });
    } else {
      const validate = this.protocol.schemas.get(this.protocol.dialect.responseSchemaId(job.action));
      const bad = validate?.(frame.payload);
      job.resolve(bad ? { kind: 'invalid-response', message: bad.message, payload: frame.payload } : { kind: 'result', payload: frame.payload });
    }
    this.#pump();
  }
}
