/**
 * Sends queued alert notifications (the outbox) by signed webhook and by email. A job runs
 * it every few seconds: when more notifications are due than the digest threshold (a site
 * losing power takes fifty stations offline at once) they go as one digest per channel
 * instead of fifty messages. A failed delivery is retried with backoff and given up after
 * a number of attempts; the outbox survives restarts.
 */
import { createHmac } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { AlertRepo, NotificationRow } from './alert.repo.ts';
import { type AlertView, alertView } from './alerts.service.ts';

export interface NotifierSettings {
  webhook: { url: string; secret: string | undefined } | null;
  email: { transport: Transporter; from: string; to: string[] } | null;
  digestThreshold: number;
}

const GIVE_UP_AFTER = 8;
const backoffMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** attempts);

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: receivers recompute it with the shared secret and check t is recent. */
export function signature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

type Item = { event: 'opened' | 'resolved'; alert: AlertView };

function subjectOf(items: Item[]): string {
  if (items.length === 1) {
    const { event, alert } = items[0]!;
    return `[Straumur] ${event === 'opened' ? alert.severity : 'resolved'}: ${alert.type} on ${alert.stationId}`;
  }
  const opened = items.filter((i) => i.event === 'opened').length;
  return `[Straumur] ${opened} alerts opened, ${items.length - opened} resolved`;
}

function textOf(items: Item[]): string {
  return items
    .map(({ event, alert }) =>
      [
        `${event === 'opened' ? 'OPENED' : 'RESOLVED'} ${alert.severity} ${alert.type} on ${alert.stationId}${alert.subject ? ` (${alert.subject})` : ''}`,
        `  ${alert.message}`,
        `  opened ${alert.openedAt}${alert.resolvedAt ? `, resolved ${alert.resolvedAt} (${alert.resolution ?? ''})` : ''}`,
        `  alert id ${alert.id}`,
      ].join('\n'),
    )
    .join('\n\n');
}

export function createNotifier(deps: { repo: AlertRepo; clock: Clock; log: Logger; settings: NotifierSettings }) {
  const { settings } = deps;

  async function deliver(channel: string, items: Item[], digest: boolean): Promise<void> {
    const at = deps.clock.now();
    if (channel === 'webhook' && settings.webhook) {
      const body = JSON.stringify({ type: digest ? 'alert.digest' : `alert.${items[0]!.event}`, sentAt: at.toISOString(), notifications: items });
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Straumur alerts' };
      if (settings.webhook.secret) headers['x-straumur-signature'] = signature(settings.webhook.secret, body, at);
      const res = await fetch(settings.webhook.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      return;
    }
    if (channel === 'email' && settings.email) {
      await settings.email.transport.sendMail({ from: settings.email.from, to: settings.email.to, subject: subjectOf(items), text: textOf(items) });
      return;
    }
    throw new Error(`channel ${channel} is not configured`);
  }

  async function send(channel: string, rows: Array<NotificationRow & { alert: Parameters<typeof alertView>[0] }>, digest: boolean): Promise<void> {
    const ids = rows.map((r) => r.id);
    try {
      await deliver(channel, rows.map((r) => ({ event: r.event as Item['event'], alert: alertView(r.alert) })), digest);
      await deps.repo.markSent(ids, deps.clock.now(), digest);
    } catch (err) {
      const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
      deps.log.warn({ err, channel, notifications: ids.length, attempts }, 'alert notification failed; will retry');
      await deps.repo.markFailed(ids, (err as Error).message, new Date(deps.clock.now().getTime() + backoffMs(attempts)), GIVE_UP_AFTER);
    }
  }

  return {
    /** Sends what is due. Returns how many notifications were handled. */
    async run(): Promise<number> {
      const due = await deps.repo.due(deps.clock.now(), 1000);
      const byChannel = new Map<string, typeof due>();
      for (const r of due) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
      for (const [channel, rows] of byChannel) {
        if (rows.length > settings.digestThreshold) await send(channel, rows, true);
        else for (const r of rows) await send(channel, [r], false);
      }
      return due.length;
    },
  };
}
