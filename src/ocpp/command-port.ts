/**
 * The CommandPort over OCPP: finds the station's connection, translates the domain command
 * with its version's table, sends it, and reads the reply back. Silence, refusal and
 * disconnection become outcomes the caller answers with 504, 502 and 409.
 */
import type { CommandPort } from '../commands/index.ts';
import type { Gateway } from './gateway.ts';
import type { Payload } from './rpc.ts';

export function createCommandPort(gateway: Gateway): CommandPort {
  return {
    async send(stationId, name, request) {
      // A station connected here costs no look-up; in cluster mode another node may hold it.
      const conn = gateway.connection(stationId);
      const version = conn ? conn.version : await gateway.versionOf(stationId);
      if (!version) return { ok: false, reason: 'offline', message: `Station ${stationId} is not connected.` };
      const translator = (conn?.protocol ?? gateway.protocol(version))?.commands[name];
      if (!translator) return { ok: false, reason: 'unsupported', message: `${name} is not available in OCPP ${version}.` };
      const payload = translator.request(request as never) as Payload;
      const outcome = conn ? await conn.call(translator.action, payload) : await gateway.call(stationId, translator.action, payload);
      switch (outcome.kind) {
        case 'result':
          return { ok: true, reply: translator.reply(outcome.payload) as never };
        case 'error':
          return { ok: false, reason: 'error', code: outcome.code, message: outcome.description };
        case 'timeout':
          return { ok: false, reason: 'timeout', message: `Station ${stationId} did not answer ${translator.action} in time.` };
        case 'busy':
          return { ok: false, reason: 'timeout', message: `Station ${stationId} has too many commands waiting.` };
        case 'offline':
        case 'closed':
          return { ok: false, reason: 'offline', message: `Station ${stationId} disconnected before it answered.` };
        case 'invalid-request':
          return { ok: false, reason: 'invalid', message: outcome.message };
        case 'invalid-response':
          return { ok: false, reason: 'error', code: 'InvalidResponse', message: `The station's answer does not match the schema: ${outcome.message}` };
      }
    },
  };
}
