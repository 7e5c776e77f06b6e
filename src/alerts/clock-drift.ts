/**
 * Telling a drifting clock from a replayed message. Every message that carries "now" in the
 * station's time gives a sample (station time minus arrival time). Messages replayed after
 * an outage carry old times and would look like a clock far behind; a drifting clock shows
 * an offset on every message. So a station drifts only when its latest samples, since the
 * last one within the threshold, are a few spread over at least a minute (a replay arrives
 * as a burst); one sample within the threshold clears it.
 */
export interface DriftSample {
  at: number;
  driftMs: number;
}

export const DRIFT_WINDOW_MS = 15 * 60_000;
const MIN_SAMPLES = 3;
const MIN_SPREAD_MS = 60_000;

export type DriftVerdict = { state: 'drifting'; driftMs: number } | { state: 'ok' } | { state: 'unknown' };

/** The verdict on a station's recent samples (oldest first); driftMs is the drifting sample closest to zero. */
export function driftVerdict(samples: readonly DriftSample[], thresholdMs: number): DriftVerdict {
  const latest = samples.at(-1);
  if (!latest) return { state: 'unknown' };
  if (Math.abs(latest.driftMs) <= thresholdMs) return { state: 'ok' };
  const lastOk = samples.findLastIndex((s) => Math.abs(s.driftMs) <= thresholdMs);
  const run = samples.slice(lastOk + 1);
  if (run.length < MIN_SAMPLES || latest.at - run[0]!.at < MIN_SPREAD_MS) return { state: 'unknown' };
  const closest = run.reduce((a, b) => (Math.abs(b.driftMs) < Math.abs(a.driftMs) ? b : a));
  return { state: 'drifting', driftMs: closest.driftMs };
}

/** Keeps each station's samples of the last window, in memory on the node that holds its socket. */
export class DriftTracker {
  readonly #samples = new Map<string, DriftSample[]>();

  add(stationId: string, sample: DriftSample): DriftSample[] {
    const list = (this.#samples.get(stationId) ?? []).filter((s) => s.at > sample.at - DRIFT_WINDOW_MS);
    list.push(sample);
    // A chatty station does not grow the list without bound.
    if (list.length > 50) list.splice(0, list.length - 50);
    this.#samples.set(stationId, list);
    return list;
  }

  forget(stationId: string): void {
    this.#samples.delete(stationId);
  }
}
