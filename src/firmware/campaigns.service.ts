/**
 * Firmware campaigns: one image rolled out to many stations, a few at a time. A job ticks
 * every campaign: it times out attempts that went silent, halts the campaign once the
 * failed stations reach its threshold, finishes it when no station is left, and otherwise
 * sends UpdateFirmware to the next stations up to its concurrency. A failed attempt is
 * retried after a delay until the station's attempts run out. An offline station waits
 * (it costs no attempt). Progress is the count of targets in each state.
 */
import type { Clock } from '../clock.ts';
import { dbErrorOf, sqlState } from '../errors.ts';
import type { Logger } from '../log.ts';
import { runAs } from '../maintenance/actor.ts';
import { fail, ok, type Result } from '../result.ts';
import type { CampaignRow, TargetRow, UpdateRow } from './firmware.repo.ts';
import type { Firmware } from './firmware.service.ts';

export interface CampaignInput {
  name?: string | undefined;
  imageId: string;
  stationIds: string[];
  concurrency?: number | undefined;
  maxAttempts?: number | undefined;
  failureThreshold?: number | undefined;
  retryDelaySec?: number | undefined;
  attemptTimeoutSec?: number | undefined;
  installAt?: string | undefined;
}

const statuses = ['pending', 'in-progress', 'installed', 'failed', 'cancelled'] as const;

export function campaignView(c: CampaignRow, counts: Record<string, number>, targets?: TargetRow[]) {
  const progress = Object.fromEntries(statuses.map((s) => [s, counts[s] ?? 0])) as Record<(typeof statuses)[number], number>;
  return {
    id: c.id,
    name: c.name,
    imageId: c.imageId,
    status: c.status,
    concurrency: c.concurrency,
    maxAttempts: c.maxAttempts,
    failureThreshold: c.failureThreshold,
    retryDelaySec: c.retryDelaySec,
    attemptTimeoutSec: c.attemptTimeoutSec,
    installAt: c.installAt?.toISOString() ?? null,
    haltedReason: c.haltedReason,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    finishedAt: c.finishedAt?.toISOString() ?? null,
    total: Object.values(progress).reduce((a, b) => a + b, 0),
    progress,
    ...(targets
      ? {
          targets: targets.map((t) => ({
            stationId: t.stationId,
            status: t.status,
            attempts: t.attempts,
            updateId: t.updateId,
            lastStatus: t.lastStatus,
            lastError: t.lastError,
            nextAttemptAt: t.nextAttemptAt?.toISOString() ?? null,
            updatedAt: t.updatedAt.toISOString(),
          })),
        }
      : {}),
  };
}

export function createCampaigns(deps: { firmware: Firmware; clock: Clock; log: Logger }) {
  const repo = deps.firmware.repo;
  const now = () => deps.clock.now();
  const later = (c: CampaignRow) => new Date(now().getTime() + c.retryDelaySec * 1000);

  async function view(c: CampaignRow, withTargets = false) {
    return campaignView(c, await repo.counts(c.id), withTargets ? await repo.targets(c.id) : undefined);
  }

  /** A failed attempt: retried later while attempts remain. */
  async function attemptFailed(c: CampaignRow, t: Pick<TargetRow, 'stationId' | 'attempts'>, why: string): Promise<void> {
    const exhausted = t.attempts >= c.maxAttempts;
    await repo.setTarget(c.id, t.stationId, {
      status: exhausted ? 'failed' : 'pending',
      lastError: why,
      nextAttemptAt: exhausted ? null : later(c),
      updatedAt: now(),
    });
  }

  async function dispatch(c: CampaignRow, t: TargetRow): Promise<void> {
    const attempts = t.attempts + 1;
    await repo.setTarget(c.id, t.stationId, { status: 'in-progress', attempts, updatedAt: now() });
    const sent = await runAs({ id: `system:campaign:${c.id}` }, () =>
      deps.firmware.update(t.stationId, { imageId: c.imageId, installAt: c.installAt?.toISOString() }, `campaign:${c.id}`, c.id),
    );
    if (!sent.ok) return attemptFailed(c, { stationId: t.stationId, attempts }, sent.message);
    const { update, outcome } = sent.value;
    if (outcome.ok && update.outcome === null) {
      await repo.setTarget(c.id, t.stationId, { updateId: update.id, lastStatus: update.status, updatedAt: now() });
      return;
    }
    if (!outcome.ok && outcome.reason === 'offline') {
      // An offline station waits for its turn again; it has not failed.
      await repo.setTarget(c.id, t.stationId, { status: 'pending', attempts: t.attempts, updateId: update.id, lastError: 'offline', nextAttemptAt: later(c), updatedAt: now() });
      return;
    }
    await repo.setTarget(c.id, t.stationId, { updateId: update.id, lastStatus: update.status });
    await attemptFailed(c, { stationId: t.stationId, attempts }, update.status);
  }

  async function tickOne(c: CampaignRow): Promise<void> {
    let counts = await repo.counts(c.id);
    if (c.status === 'running' && (counts.failed ?? 0) >= c.failureThreshold) {
      await repo.setCampaign(c.id, { status: 'halted', haltedReason: `${counts.failed} stations failed (threshold ${c.failureThreshold})` }, ['running']);
      deps.log.warn({ campaignId: c.id, failed: counts.failed }, 'firmware campaign halted');
      return;
    }
    if (c.status !== 'running') return;
    const slots = c.concurrency - (counts['in-progress'] ?? 0);
    for (const t of await repo.dueTargets(c.id, now(), slots)) await dispatch(c, t);
    counts = await repo.counts(c.id);
    if ((counts.pending ?? 0) + (counts['in-progress'] ?? 0) === 0) {
      await repo.setCampaign(c.id, { status: 'completed', finishedAt: now() }, ['running']);
    } else if ((counts.failed ?? 0) >= c.failureThreshold) {
      await repo.setCampaign(c.id, { status: 'halted', haltedReason: `${counts.failed} stations failed (threshold ${c.failureThreshold})` }, ['running']);
    }
  }

  /** An update of a campaign ended: the target is installed, or its attempt failed. */
  async function onUpdateEnded(u: UpdateRow): Promise<void> {
    if (!u.campaignId) return;
    const c = await repo.campaign(u.campaignId);
    if (!c) return;
    const targets = await repo.targets(c.id);
    const t = targets.find((x) => x.stationId === u.stationId);
    if (!t || t.updateId !== u.id || t.status !== 'in-progress') return;
    if (u.outcome === 'installed') {
      await repo.setTarget(c.id, t.stationId, { status: 'installed', lastStatus: u.status, lastError: null, nextAttemptAt: null, updatedAt: now() });
    } else {
      await repo.setTarget(c.id, t.stationId, { lastStatus: u.status });
      await attemptFailed(c, t, u.status);
    }
  }
  deps.firmware.follow(onUpdateEnded);

  return {
    async create(input: CampaignInput, by: string): Promise<Result<ReturnType<typeof campaignView>>> {
      const stationIds = [...new Set(input.stationIds)];
      if (stationIds.length === 0) return fail('VALIDATION_FAILED', 'A campaign needs at least one station.');
      if (!(await repo.image(input.imageId))) return fail('NOT_FOUND', 'No firmware image with this id.');
      try {
        const c = await repo.insertCampaign(
          {
            name: input.name ?? `Firmware campaign ${now().toISOString().slice(0, 16)}`,
            imageId: input.imageId,
            status: 'running',
            concurrency: input.concurrency ?? 10,
            maxAttempts: input.maxAttempts ?? 3,
            // By default a campaign stops once a tenth of its stations (at least one) have failed.
            failureThreshold: input.failureThreshold ?? Math.max(1, Math.ceil(stationIds.length / 10)),
            retryDelaySec: input.retryDelaySec ?? 300,
            attemptTimeoutSec: input.attemptTimeoutSec ?? 3600,
            installAt: input.installAt ? new Date(input.installAt) : null,
            createdBy: by,
            createdAt: now(),
          },
          stationIds,
          now(),
        );
        return ok(await view(c));
      } catch (err) {
        if (dbErrorOf(err)?.code === sqlState.foreignKeyViolation) return fail('VALIDATION_FAILED', 'Every station of a campaign must be registered.');
        throw err;
      }
    },

    async tick(): Promise<void> {
      for (const u of await repo.overdueCampaignUpdates(now())) await deps.firmware.timeOut(u);
      for (const c of await repo.runningCampaigns()) {
        await tickOne(c).catch((err: unknown) => deps.log.error({ err, campaignId: c.id }, 'firmware campaign tick failed'));
      }
    },

    async get(id: string) {
      const c = await repo.campaign(id);
      return c ? ok(await view(c, true)) : fail('NOT_FOUND', 'No firmware campaign with this id.');
    },

    async list() {
      return Promise.all((await repo.campaigns(200)).map((c) => view(c)));
    },

    /** pause, resume (optionally with a new failure threshold, to go on after a halt), cancel. */
    async act(id: string, action: 'pause' | 'resume' | 'cancel', failureThreshold?: number) {
      const at = now();
      const moved =
        action === 'pause'
          ? await repo.setCampaign(id, { status: 'paused' }, ['running'])
          : action === 'resume'
            ? await repo.setCampaign(id, { status: 'running', haltedReason: null, ...(failureThreshold ? { failureThreshold } : {}) }, ['paused', 'halted'])
            : await repo.setCampaign(id, { status: 'cancelled', finishedAt: at }, ['running', 'paused', 'halted']);
      if (!moved) {
        const c = await repo.campaign(id);
        return c ? fail('CONFLICT', `The campaign is ${c.status}; it cannot ${action}.`) : fail('NOT_FOUND', 'No firmware campaign with this id.');
      }
      if (action === 'cancel') await repo.cancelPending(id, at);
      return ok(await view(moved));
    },
  };
}

export type Campaigns = ReturnType<typeof createCampaigns>;
