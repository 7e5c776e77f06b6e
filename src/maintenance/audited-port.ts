/**
 * A CommandPort that writes every command to the audit log: who (the current actor), what
 * (command or raw action, and its request), when, and the result. It wraps the port that
 * talks to stations, so typed commands, raw calls and jobs are all recorded the same way.
 * A failed audit write is logged; it never fails the command.
 */
import type { Clock } from '../clock.ts';
import type { CommandOutcome, CommandPort, RawOutcome } from '../commands/index.ts';
import { redactSecrets } from '../audit/index.ts';
import type { Logger } from '../log.ts';
import { currentActor } from './actor.ts';
import type { AuditRepo, NewAudit } from './audit.repo.ts';

/**
 * Upload and download URLs carry one-time tokens and FTP passwords; the audit log keeps where
 * a station was sent, not the credential.
 */
export function redact(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/g, '$1***@').replace(/\/(uploads|firmware)\/[\w-]{16,}/g, '/$1/***');
  }
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  return value;
}

type Result = Pick<NewAudit, 'outcome' | 'status' | 'reply' | 'errorCode' | 'errorMessage'>;

const statusOf = (reply: unknown): string | null =>
  reply && typeof reply === 'object' && typeof (reply as { status?: unknown }).status === 'string' ? (reply as { status: string }).status : null;

function ofCommand(o: CommandOutcome<unknown>): Result {
  if (o.ok) return { outcome: 'ok', status: statusOf(o.reply), reply: redactSecrets(o.reply) as object };
  return { outcome: o.reason, errorCode: o.code ?? null, errorMessage: o.message };
}

function ofRaw(o: RawOutcome): Result {
  if (!o.ok) return { outcome: o.reason, errorMessage: o.message };
  if ('error' in o) return { outcome: 'error', errorCode: o.error.code, errorMessage: o.error.description, reply: o.error };
  return { outcome: 'ok', status: statusOf(o.result), reply: redactSecrets(o.result) as object };
}

export function auditedPort(inner: CommandPort, deps: { repo: AuditRepo; clock: Clock; log: Logger }): CommandPort {
  async function record(stationId: string, command: string, raw: boolean, request: unknown, at: Date, started: number, result: Result) {
    const actor = currentActor();
    await deps.repo
      .insert({
        at,
        actor: actor.id,
        actorEmail: actor.email ?? null,
        stationId,
        command,
        raw,
        // A settings write may carry a station's new password: it is kept as [redacted].
        request: redact(redactSecrets(request)) as object,
        durationMs: Math.round(performance.now() - started),
        ...result,
      })
      .catch((err: unknown) => deps.log.error({ err, stationId, command }, 'could not write the command audit log'));
  }

  return {
    async send(stationId, name, request) {
      const at = deps.clock.now();
      const started = performance.now();
      const outcome = await inner.send(stationId, name, request);
      await record(stationId, name, false, request, at, started, ofCommand(outcome));
      return outcome;
    },
    async sendRaw(stationId, action, payload) {
      const at = deps.clock.now();
      const started = performance.now();
      const outcome = await inner.sendRaw(stationId, action, payload);
      await record(stationId, action, true, payload, at, started, ofRaw(outcome));
      return outcome;
    },
  };
}
