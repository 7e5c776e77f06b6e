#!/usr/bin/env node
/**
 * npm run audit:check: fails when `npm audit` reports a high or critical advisory that
 * docs/audit-exceptions.json does not explain (by advisory id: GHSA-..., or npm's number).
 *
 * Offline-safe on purpose: when the registry's audit endpoint cannot be reached (no network,
 * a proxy that refuses it), it says so and exits 0, since a security gate that fails on
 * someone else's outage teaches people to ignore it. AUDIT_STRICT=true makes that a failure
 * too (for a release pipeline that must have checked).
 *
 *   npm run audit:check               every dependency, dev ones included
 *   npm run audit:check -- --omit=dev  what is shipped
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const serious = new Set(['high', 'critical']);

/** The advisory id of one `via` entry of npm audit's JSON (v7+ format). */
const idOf = (via) => (typeof via.url === 'string' && /GHSA-[\w-]+$/.exec(via.url)?.[0]) || String(via.source ?? via.url ?? via.title);

/**
 * Judges one `npm audit --json` answer against the explained exceptions.
 * Returns { status: 'unreachable' | 'ok' | 'fail', unexplained, explained, stale }.
 */
export function judge(audit, exceptions) {
  if (!audit || typeof audit !== 'object' || !audit.vulnerabilities || typeof audit.vulnerabilities !== 'object') {
    return { status: 'unreachable', reason: audit?.error?.summary || audit?.message || 'no audit report', unexplained: [], explained: [], stale: [] };
  }
  const known = new Map(exceptions.map((e) => [e.id, e]));
  const found = new Map();
  for (const [name, v] of Object.entries(audit.vulnerabilities)) {
    for (const via of v.via ?? []) {
      if (typeof via !== 'object' || !serious.has(via.severity)) continue;
      const id = idOf(via);
      found.set(id, { id, package: via.name ?? name, severity: via.severity, title: via.title, range: via.range });
    }
  }
  const all = [...found.values()];
  const unexplained = all.filter((a) => !known.has(a.id));
  const explained = all.filter((a) => known.has(a.id));
  const stale = exceptions.filter((e) => !found.has(e.id)).map((e) => e.id);
  return { status: unexplained.length ? 'fail' : 'ok', unexplained, explained, stale };
}

function main() {
  const args = process.argv.slice(2);
  const run = spawnSync('npm', ['audit', '--json', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' });
  let audit = null;
  try {
    audit = JSON.parse(run.stdout || 'null');
  } catch {
    audit = null;
  }
  const exceptions = JSON.parse(readFileSync(new URL('../docs/audit-exceptions.json', import.meta.url), 'utf8')).advisories;
  const r = judge(audit, exceptions);
  if (r.status === 'unreachable') {
    console.warn(`audit:check: the registry's audit endpoint could not be asked (${r.reason}); nothing was checked.`);
    process.exit(process.env.AUDIT_STRICT === 'true' ? 2 : 0);
  }
  for (const a of r.explained) console.log(`explained: ${a.id} ${a.package} (${a.severity}) ${a.title}`);
  for (const id of r.stale) console.log(`no longer reported (remove it from docs/audit-exceptions.json): ${id}`);
  for (const a of r.unexplained) console.error(`UNEXPLAINED ${a.severity}: ${a.id} in ${a.package} ${a.range ?? ''}: ${a.title}`);
  if (r.status === 'fail') {
    console.error('audit:check: update the dependency, or explain the advisory in docs/audit-exceptions.json and docs/security.md.');
    process.exit(1);
  }
  console.log(`audit:check: no unexplained high or critical advisory (${r.explained.length} explained).`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
