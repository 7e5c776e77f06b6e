/** A session's meter samples as chart points: power (W) and the energy delivered so far (Wh). */

export interface Point {
  t: number;
  powerW: number | null;
  energyWh: number | null;
}

interface Sample {
  at: string;
  measurand: string;
  phase: string;
  value: string;
}

/** One point per instant; the energy register is taken relative to its first reading. */
export function pointsFromSamples(samples: Sample[]): Point[] {
  const byTime = new Map<string, Point>();
  let first: number | null = null;
  for (const x of [...samples].sort((a, b) => a.at.localeCompare(b.at))) {
    if (x.phase && x.phase !== '' && x.phase !== 'none') continue;
    const p = byTime.get(x.at) ?? { t: Date.parse(x.at) / 1000, powerW: null, energyWh: null };
    const v = Number(x.value);
    if (x.measurand === 'Power.Active.Import') p.powerW = v;
    else if (x.measurand === 'Energy.Active.Import.Register') {
      first ??= v;
      p.energyWh = v - first;
    } else continue;
    byTime.set(x.at, p);
  }
  return [...byTime.values()];
}

