#!/usr/bin/env node
/**
 * Runs the test suite with Node's own runner. Node 20 does not expand globs and, given a
 * folder, exits 0 having run nothing, so this script finds the files and passes the list.
 *
 *   npm test                      every *.test.ts under src/ and test/ (except test/chaos)
 *   npm test -- src/ocpp          only files under these paths
 *   npm run test:chaos            the long crash and storm tests in test/chaos
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const chaos = args.includes('--chaos');
const roots = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const starts = roots.length > 0 ? roots : chaos ? ['test/chaos'] : ['src', 'test'];
let files = [];
for (const r of starts) {
  if (statSync(r).isDirectory()) walk(r, files);
  else files.push(r);
}
if (!chaos && roots.length === 0) files = files.filter((f) => !f.split(path.sep).includes('chaos') && !f.split(path.sep).includes('e2e'));
files.sort();
if (files.length === 0) {
  console.error(`No test files found under ${starts.join(', ')}`);
  process.exit(1);
}

const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=300000', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
