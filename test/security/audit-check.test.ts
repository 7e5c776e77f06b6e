/**
 * npm run audit:check: an unexplained high or critical advisory fails it; explained ones and
 * lower severities pass; a registry that cannot be asked is reported, not failed. And every
 * exception it accepts is explained in docs/security.md.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain ES module script, without types
import { judge } from '../../scripts/audit-check.mjs';

const via = (id: string, severity: string, name = 'pkg') => ({ source: 1, name, title: `${name} problem`, url: `https://github.com/advisories/${id}`, severity, range: '<9' });
const report = (...vias: Array<object | string>) => ({ auditReportVersion: 2, vulnerabilities: { pkg: { name: 'pkg', severity: 'high', via: vias, fixAvailable: false } }, metadata: {} });
const exceptions = [{ id: 'GHSA-known-high-1', package: 'pkg', why: 'not reachable here' }];

describe('audit:check', () => {
  it('fails on an unexplained high or critical advisory', () => {
    const r = judge(report(via('GHSA-new-crit-2', 'critical')), exceptions);
    assert.equal(r.status, 'fail');
    assert.deepEqual(r.unexplained.map((a: { id: string }) => a.id), ['GHSA-new-crit-2']);
    assert.equal(judge(report(via('GHSA-new-high-3', 'high')), exceptions).status, 'fail');
  });

  it('passes explained advisories and lower severities, and names exceptions no longer reported', () => {
    const r = judge(report(via('GHSA-known-high-1', 'high'), via('GHSA-low-4', 'moderate'), 'a transitive name'), exceptions);
    assert.equal(r.status, 'ok');
    assert.deepEqual(judge({ vulnerabilities: {} }, exceptions), { status: 'ok', unexplained: [], explained: [], stale: ['GHSA-known-high-1'] });
  });

  it('reports an unreachable registry instead of failing', () => {
    assert.equal(judge({ message: '405 Method Not Allowed', error: { summary: '' } }, exceptions).status, 'unreachable');
    assert.equal(judge(null, exceptions).status, 'unreachable');
  });

  it('accepts only exceptions that docs/security.md explains', async () => {
    const listed = JSON.parse(await readFile(new URL('../../docs/audit-exceptions.json', import.meta.url), 'utf8')).advisories as Array<{ id: string; why: string }>;
    const doc = await readFile(new URL('../../docs/security.md', import.meta.url), 'utf8');
    for (const e of listed) {
      assert.ok(e.why.length > 40, `${e.id} says why`);
      assert.ok(doc.includes(e.id), `docs/security.md explains ${e.id}`);
    }
  });
});
