/**
 * The CommandPort over OCPP: finds the station's connection, translates the domain command
 * with its version's table, sends it, and reads the reply back. Silence, refusal and
 * disconnection become outcomes the caller answers with 504, 502 and 409. All station I/O
 * of commands happens here, so cluster mode can forward it in one place.
 */
import type { CommandPort, RawOutcome } from '../commands/index.ts';
import type { CallOutcome } from './connection.ts';
import type { Gateway } from './gateway.ts';
import type { Payload } from './rpc.ts';

type Undelivered = Extract<CallOutcome, { kind: 'timeout' | 'busy' | 'closed' }> | { kind: 'offline' };

function undelivered(stationId: string, action: string, o: Undelivered): { ok: false; reason: 'timeout' | 'offline'; message: string } {
  switch (o.kind) {
    case 'timeout':
      return { ok: false, reason: 'timeout', message: `Station ${stationId} did not answer ${action} in time.` };
    case 'busy':
      return { ok: false, reason: 'timeout', message: `Station ${stationId} has too many commands waiting.` };
    case 'closed':
      return { ok: false, reason: 'offline', message: `Station ${stationId} disconnected before it answered.` };
    case 'offline':
      return { ok: false, reason: 'offline', message: `Station ${stationId} is not connected.` };
  }
}

export function createCommandPort(gateway: Gateway): CommandPort {
  return {
    async send(stationId, name, request) {
      // A station connected here costs no look-up; in cluster mode another node may hold it.
      const conn = gateway.connection(stationId);
      const version = conn ? conn.version : await gateway.versionOf(stationId);
      if (!version) return { ok: false, reason: 'offline', message: `Station ${stationId} is not connected.` };
      const translator = (conn?.protocol ?? gateway.protocol(version))?.commands[name];
      if (!translator) return { ok: false, reason: 'unsupported', message: `${name} is not available in OCPP ${version}.` };
      const lacking = translator.unsupported?.(request as never);
      if (lacking) return { ok: false, reason: 'unsupported', message: lacking };
      const payload = translator.request(request as never) as Payload;
      const outcome = conn ? await conn.call(translator.action, payload) : await gateway.call(stationId, translator.action, payload);
      switch (outcome.kind) {
        case 'result':
          return { ok: true, reply: translator.reply(outcome.payload) as never };
        case 'error':
          return { ok: false, reason: 'error', code: outcome.code, message: outcome.description };
        case 'invalid-request':
          return { ok: false, reason: 'invalid', message: outcome.message };
        case 'invalid-response':
          return { ok: false, reason: 'error', code: 'InvalidResponse', message: `The station's answer does not match the schema: ${outcome.message}` };
        default:
          return undelivered(stationId, translator.action, outcome);
      }
    },

    async sendRaw(stationId, action, payload): Promise<RawOutcome> {
      const conn = gateway.connection(stationId);
      const version = conn ? conn.version : await gateway.versionOf(stationId);
      const protocol = conn?.protocol ?? (version ? gateway.protocol(version) : undefined);
      if (!version || !protocol) return { ok: false, reason: 'offline', message: `Station ${stationId} is not connected.` };
      if (protocol.stationOnly.has(action)) {
        return { ok: false, reason: 'invalid', message: `${action} is sent by stations, not by the CSMS, in OCPP ${version}.` };
      }
      // The schema is checked before sending, here or on the node that holds the socket.
      const outcome = conn ? await conn.call(action, payload) : await gateway.call(stationId, action, payload);
      switch (outcome.kind) {
        case 'result':
          return { ok: true, result: outcome.payload };
        case 'invalid-response':
          // The station did answer; the caller sees what it said, and why it is not valid.
          return { ok: true, result: outcome.payload, warning: `The answer does not match the ${action} response schema: ${outcome.message}` };
        case 'error':
          return { ok: true, error: { code: outcome.code, description: outcome.description, details: outcome.details } };
        case 'invalid-request':
          return { ok: false, reason: 'invalid', message: outcome.message };
        default:
          return undelivered(stationId, action, outcome);
      }
    },
  };
}
